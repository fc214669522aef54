import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { isClusterTimeout } from '../timeouts/ClusterTimeoutError';
import { createWatchTransport } from './WatchTransport';

/** An API server stand-in: answers list pages, 410 for an expired token, nothing at all for /hang. */
async function fakeApiServer() {
  const requests: Array<{ url: string; authorization?: string }> = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url!, authorization: req.headers.authorization });
    const url = new URL(req.url!, 'http://x');
    if (url.pathname === '/hang') return; // never answers
    res.setHeader('Content-Type', 'application/json');
    if (url.searchParams.get('continue') === 'expired') {
      res.statusCode = 410;
      res.end(
        JSON.stringify({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'The provided continue parameter is too old',
        }),
      );
      return;
    }
    res.end(
      JSON.stringify({
        kind: 'NamespaceList',
        metadata: { resourceVersion: '42', continue: 'next' },
        items: [{ metadata: { name: 'a' } }],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  // client-node accepts plain http only with skipTLSVerify.
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'fake',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'platform', token: 'platform-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'platform' }],
    currentContext: 'fake',
  });
  return {
    kubeConfig,
    requests,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('the watch transport', () => {
  let api: Awaited<ReturnType<typeof fakeApiServer>>;
  beforeEach(async () => {
    api = await fakeApiServer();
  });
  afterEach(() => api.close());

  it('lists one page with limit, continue and selectors, as the platform', async () => {
    const transport = createWatchTransport(api.kubeConfig);
    const page = await transport.listPage(
      '/api/v1/namespaces',
      { limit: 500, continue: 'abc', labelSelector: 'team=alpha' },
      new AbortController().signal,
    );
    expect(page).toEqual({
      items: [{ metadata: { name: 'a' } }],
      resourceVersion: '42',
      continue: 'next',
    });
    expect(api.requests).toEqual([
      {
        url: '/api/v1/namespaces?limit=500&continue=abc&labelSelector=team%3Dalpha',
        authorization: 'Bearer platform-token',
      },
    ]);
  });

  it('rejects an expired continue token with code 410 and the server message', async () => {
    const transport = createWatchTransport(api.kubeConfig);
    await expect(
      transport.listPage(
        '/api/v1/namespaces',
        { limit: 500, continue: 'expired' },
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({
      code: 410,
      message: 'The provided continue parameter is too old (410 Expired)',
    });
  });

  it('aborts a list page the server does not answer within the timeout', async () => {
    const transport = createWatchTransport(api.kubeConfig, {
      listTimeoutMs: 200,
    });
    const startedAt = Date.now();
    const error = await transport
      .listPage('/hang', { limit: 500 }, new AbortController().signal)
      .catch(e => e);
    expect(isClusterTimeout(error)).toBe(true);
    expect(error.message).toBe(
      "Cluster 'fake' did not answer GET /hang within 200 ms; the request was aborted",
    );
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });
});

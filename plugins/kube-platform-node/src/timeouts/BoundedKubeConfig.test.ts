import {
  CoreV1Api,
  Health,
  KubeConfig,
  KubernetesObjectApi,
  Watch,
} from '@kubernetes/client-node';
import net from 'node:net';
import {
  BoundedKubeConfig,
  kubeConfigAs,
  withoutRequestTimeout,
} from './BoundedKubeConfig';
import { isClusterTimeout } from './ClusterTimeoutError';
import { withAbortSignal } from './withAbortSignal';

/**
 * A TCP server standing in for an API server: `respond` decides what each
 * connection gets (nothing at all, for a hung cluster). It records when each
 * client socket was closed, which proves the client released it.
 */
async function fakeApiServer(respond: (socket: net.Socket) => void) {
  const closed: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      closed.push(performance.now());
      sockets.delete(socket);
    });
    respond(socket);
    // Read whatever arrives, so that the client's FIN is seen and 'close' fires.
    socket.resume();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    closed,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function kubeConfigFor(url: string, timeoutMs: number) {
  const kubeConfig = new BoundedKubeConfig('hung-cluster', timeoutMs);
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'hung-cluster', server: url, skipTLSVerify: true }],
    users: [{ name: 'platform', token: 'token' }],
    contexts: [
      { name: 'hung-cluster', cluster: 'hung-cluster', user: 'platform' },
    ],
    currentContext: 'hung-cluster',
  });
  return kubeConfig;
}

const NAMESPACE_LIST = JSON.stringify({
  apiVersion: 'v1',
  kind: 'NamespaceList',
  metadata: { resourceVersion: '1' },
  items: [],
});

function answer(socket: net.Socket, body: string, delayMs = 0) {
  socket.once('data', () =>
    setTimeout(
      () =>
        socket.end(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
            body,
          )}\r\nConnection: close\r\n\r\n${body}`,
        ),
      delayMs,
    ),
  );
}

async function failure(promise: Promise<unknown>) {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  return { error, ms: performance.now() - started };
}

describe('BoundedKubeConfig', () => {
  let server: Awaited<ReturnType<typeof fakeApiServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('aborts a call to a server that never answers at the timeout and closes its socket', async () => {
    server = await fakeApiServer(() => {});
    const core = kubeConfigFor(server.url, 300).makeApiClient(CoreV1Api);

    const { error, ms } = await failure(core.listNamespace());

    expect(isClusterTimeout(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'ClusterTimeoutError',
      cluster: 'hung-cluster',
      timeoutMs: 300,
      statusCode: 504,
      message:
        "Cluster 'hung-cluster' did not answer GET /api/v1/namespaces within 300 ms; the request was aborted",
    });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1_000);
    // The server sees the connection closed: the client destroyed the socket.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(server.closed).toHaveLength(1);
    expect(server.openSockets()).toBe(0);
  });

  it('bounds KubernetesObjectApi clients too', async () => {
    server = await fakeApiServer(() => {});
    const objects = KubernetesObjectApi.makeApiClient(
      kubeConfigFor(server.url, 200),
    );
    const { error } = await failure(
      objects.read({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'x' },
      }),
    );
    expect(isClusterTimeout(error)).toBe(true);
  });

  it('bounds client-node helpers that fetch by themselves (Health)', async () => {
    server = await fakeApiServer(() => {});
    const { error, ms } = await failure(
      new Health(kubeConfigFor(server.url, 200)).readyz({}),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(1_000);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(server.openSockets()).toBe(0);
  });

  it('aborts a response whose body stops half-way', async () => {
    server = await fakeApiServer(socket =>
      socket.once('data', () =>
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":',
        ),
      ),
    );
    const core = kubeConfigFor(server.url, 300).makeApiClient(CoreV1Api);
    const { error, ms } = await failure(core.listNamespace());
    expect(isClusterTimeout(error)).toBe(true);
    expect(ms).toBeLessThan(1_000);
  });

  it('lets calls that answer in time through, and restarts the deadline for each call', async () => {
    server = await fakeApiServer(socket => answer(socket, NAMESPACE_LIST, 150));
    const core = kubeConfigFor(server.url, 400).makeApiClient(CoreV1Api);
    for (let i = 0; i < 3; i++) {
      await expect(core.listNamespace()).resolves.toMatchObject({ items: [] });
    }
  });

  it("reports a caller's own abort as the caller's, not as a timeout", async () => {
    server = await fakeApiServer(() => {});
    const core = kubeConfigFor(server.url, 5_000).makeApiClient(CoreV1Api);
    const { error, ms } = await failure(
      core.listNamespace({}, withAbortSignal(AbortSignal.timeout(100))),
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(isClusterTimeout(error)).toBe(false);
    expect(ms).toBeLessThan(1_000);
  });

  it('gives streams an unbounded copy with the same cluster and credentials', async () => {
    server = await fakeApiServer(socket => answer(socket, NAMESPACE_LIST, 300));
    const bounded = kubeConfigFor(server.url, 100);
    const plain = withoutRequestTimeout(bounded);
    expect(plain).not.toBeInstanceOf(BoundedKubeConfig);
    expect(plain.getCurrentCluster()).toEqual(bounded.getCurrentCluster());
    expect(plain.getCurrentUser()).toEqual(bounded.getCurrentUser());
    await expect(
      plain.makeApiClient(CoreV1Api).listNamespace(),
    ).resolves.toMatchObject({
      items: [],
    });
    const other = new KubeConfig();
    expect(withoutRequestTimeout(other)).toBe(other);
  });

  it('bounds a KubeConfig for another identity on the same cluster like the platform one', async () => {
    let authorization: string | undefined;
    server = await fakeApiServer(socket =>
      socket.once('data', data => {
        authorization = /authorization: (.*)\r\n/i.exec(data.toString())?.[1];
      }),
    );
    const tenant = kubeConfigAs(kubeConfigFor(server.url, 200), {
      name: 'tenant-admin',
      token: 'tenant-token',
    });
    expect(tenant).toMatchObject({
      clusterName: 'hung-cluster',
      requestTimeoutMs: 200,
    });
    expect(tenant.getCurrentCluster()?.server).toBe(server.url);
    const { error, ms } = await failure(
      tenant.makeApiClient(CoreV1Api).listNamespace(),
    );
    expect(isClusterTimeout(error)).toBe(true);
    expect(ms).toBeLessThan(1_000);
    expect(authorization).toBe('Bearer tenant-token');
  });

  it('tells the identity when the API server refuses its credentials, and only then', async () => {
    const statuses = [
      '401 Unauthorized',
      '200 OK',
      '403 Forbidden',
      '401 Unauthorized',
    ];
    server = await fakeApiServer(socket =>
      socket.once('data', () => {
        const status = statuses.shift();
        socket.end(
          `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
            NAMESPACE_LIST,
          )}\r\nConnection: close\r\n\r\n${NAMESPACE_LIST}`,
        );
      }),
    );
    const onUnauthorized = jest.fn();
    const tenant = kubeConfigAs(
      kubeConfigFor(server.url, 1_000),
      { name: 'tenant-admin', token: 'revoked' },
      { onUnauthorized },
    );
    const api = tenant.makeApiClient(CoreV1Api);
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        await api.listNamespace().then(
          () => 200,
          e => e.code,
        ),
      );
      codes.push(onUnauthorized.mock.calls.length);
    }
    // Status, then how often the identity was told so far.
    expect(codes).toEqual([401, 1, 200, 1, 403, 1, 401, 2]);
  });

  it.each([
    ['the bounded KubeConfig', (kc: KubeConfig) => kc],
    ['withoutRequestTimeout', withoutRequestTimeout],
  ])(
    'keeps a watch stream open past the request timeout through %s',
    async (_, pick) => {
      const event = (name: string) =>
        `${JSON.stringify({
          type: 'ADDED',
          object: { metadata: { name } },
        })}\n`;
      server = await fakeApiServer(socket =>
        socket.once('data', () => {
          socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
          );
          const chunk = (text: string) =>
            socket.write(
              `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`,
            );
          chunk(event('first'));
          // Well past the 200 ms request timeout.
          setTimeout(() => chunk(event('second')), 700);
        }),
      );
      const names: string[] = [];
      let doneError: unknown = 'not done';
      const controller = await new Watch(
        pick(kubeConfigFor(server.url, 200)),
      ).watch(
        '/api/v1/namespaces',
        {},
        (_phase, obj) => names.push(obj.metadata.name),
        err => (doneError = err),
      );
      await new Promise(resolve => setTimeout(resolve, 1_000));
      const openAfterOneSecond = doneError === 'not done';
      controller.abort();
      expect(names).toEqual(['first', 'second']);
      expect(openAfterOneSecond).toBe(true);
    },
  );
});

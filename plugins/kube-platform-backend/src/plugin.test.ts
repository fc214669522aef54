import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { kubePlatformPlugin } from './plugin';

const config = {
  kubePlatform: {
    clusters: [
      {
        name: 'cluster-1',
        url: 'https://127.0.0.1:1',
        skipTLSVerify: true,
        auth: { provider: 'serviceAccount', token: 'do-not-leak-me' },
        labels: { region: 'us-west', environment: 'production' },
        owner: 'group:default/platform-team',
      },
    ],
  },
};

async function startBackend(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const { server } = await startTestBackend({
    features: [
      kubePlatformPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result }),
    ],
  });
  return server;
}

describe('kubePlatformPlugin', () => {
  it('serves an unauthenticated health check', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const res = await request(server).get('/api/kube-platform/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists registered clusters without credentials', async () => {
    const server = await startBackend(AuthorizeResult.ALLOW);
    const res = await request(server).get('/api/kube-platform/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [cluster] = res.body.items;
    expect(cluster).toMatchObject({
      name: 'cluster-1',
      url: 'https://127.0.0.1:1',
      labels: { region: 'us-west', environment: 'production' },
      owner: 'group:default/platform-team',
      host: false,
      // Nothing listens on port 1: no data, and the health is not Ready.
      capacity: { nodesTotal: 0, allocatableCpu: 0, quotaCpu: 0, tenants: 0 },
      cache: { synced: false },
    });
    expect(['Unknown', 'NotReady']).toContain(cluster.health.status);
    expect(res.text).not.toContain('do-not-leak-me');
  });

  it('answers 404 for an unknown cluster', async () => {
    const server = await startBackend(AuthorizeResult.ALLOW);
    const res = await request(server).get('/api/kube-platform/clusters/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 when the permission is denied', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const res = await request(server).get('/api/kube-platform/clusters');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('answers 401 without credentials', async () => {
    const server = await startBackend(AuthorizeResult.ALLOW);
    const res = await request(server)
      .get('/api/kube-platform/clusters')
      .set('authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});

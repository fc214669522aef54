import {
  freePort,
  kubePlatformClustersConfig,
  type LocalCluster,
  startLocalCluster,
  uniqueName,
  waitFor,
} from '@kube-platform/localcluster-testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { as, startKubePlatform } from './__testUtils__/startKubePlatform';

jest.setTimeout(300_000);

/*
 * A cluster that stops answering (its process SIGSTOPped, not refused) never
 * holds a request longer than the request timeout, and once the health monitor
 * says NotReady, requests fail at once with 503. A cluster of its own: pausing
 * a shared one would stall other test files.
 */

const REQUEST_TIMEOUT_S = 2;
let cluster: LocalCluster;
let clustersDir: string;
let backend: Awaited<ReturnType<typeof startKubePlatform>>;

beforeAll(async () => {
  clustersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-hung-'));
  cluster = await startLocalCluster({
    name: 'hung',
    port: await freePort(),
    clustersDir,
  });
  backend = await startKubePlatform(
    [cluster],
    {
      clusters: kubePlatformClustersConfig([cluster]),
      requestTimeout: { seconds: REQUEST_TIMEOUT_S },
      health: { frequency: { seconds: 1 }, timeout: { seconds: 1 } },
    },
    { realScheduler: true },
  );
}, 600_000);

afterAll(async () => {
  cluster?.resume();
  await backend?.stop();
  await cluster?.stop();
  fs.rmSync(clustersDir, { recursive: true, force: true });
});

const tenant = (name: string) => ({
  name,
  owner: 'group:default/team-alpha',
  cluster: 'hung',
  environment: 'development',
  costCenter: 'hang',
  contact: 'alpha@example.com',
});

async function health() {
  const res = await request(backend.server)
    .get('/api/kube-platform/clusters/hung')
    .set(as('bob'));
  return res.body.health?.status;
}

/**
 * Sends an update of an existing tenant and pauses the cluster as soon as the
 * request's operation is on record: the cluster stops answering part-way
 * through pre-flight or apply.
 */
async function updatePausingMidway(name: string) {
  const sent = request(backend.server)
    .post('/api/kube-platform/tenants')
    .set(as('bob'))
    .send({ ...tenant(name), quota: { pods: '12' } })
    .then(res => res);
  await waitFor(
    async () => {
      const history = await request(backend.server)
        .get(`/api/kube-platform/tenants/hung/${name}/operations`)
        .set(as('bob'));
      return history.body.items.some((o: any) => o.status === 'pending');
    },
    {
      timeoutMs: 10_000,
      intervalMs: 5,
      description: 'the update to be on record',
    },
  );
  cluster.pause();
  const pausedAt = Date.now();
  const res = await sent;
  return { res, elapsedAfterPause: Date.now() - pausedAt };
}

it('fails a request to a cluster that hangs mid-way within the timeout, recording what was applied', async () => {
  await waitFor(async () => (await health()) === 'Ready', {
    timeoutMs: 30_000,
    description: 'the cluster to be Ready',
  });
  const name = uniqueName('hang');
  const created = await request(backend.server)
    .post('/api/kube-platform/tenants')
    .set(as('bob'))
    .send(tenant(name));
  expect(created.status).toBe(201);
  let outcome;
  try {
    outcome = await updatePausingMidway(name);
  } finally {
    cluster.resume();
  }
  // One request timeout (the call in flight when the cluster stopped), plus slack.
  expect(outcome.elapsedAfterPause).toBeLessThan(
    (REQUEST_TIMEOUT_S + 2) * 1000,
  );
  expect([502, 504]).toContain(outcome.res.status);
  expect(JSON.stringify(outcome.res.body)).toContain(
    `within ${REQUEST_TIMEOUT_S * 1000} ms`,
  );

  const history = await request(backend.server)
    .get(`/api/kube-platform/tenants/hung/${name}/operations`)
    .set(as('bob'));
  const failed = history.body.items[0];
  expect(failed).toMatchObject({ action: 'update', status: 'failed' });
  expect(failed.error).toContain(`within ${REQUEST_TIMEOUT_S * 1000} ms`);
  // What was applied before the failure, the failed object, then what was
  // skipped. When the cluster stopped during the namespace check, before any
  // object, nothing was applied and there are no object results: said so here.
  const outcomes: string[] = failed.results.map((r: any) => r.outcome);
  const at = outcomes.length === 0 ? -1 : outcomes.indexOf('failed');
  expect(outcomes.length === 0 || at >= 0).toBe(true);
  expect(
    outcomes
      .slice(0, at)
      .every(o => ['created', 'configured', 'unchanged'].includes(o)),
  ).toBe(true);
  expect(outcomes.slice(at + 1).every(o => o === 'skipped')).toBe(true);

  // The same request converges once the cluster answers again.
  await waitFor(async () => (await health()) === 'Ready', {
    timeoutMs: 30_000,
    description: 'Ready again',
  });
  const retried = await request(backend.server)
    .post('/api/kube-platform/tenants')
    .set(as('bob'))
    .send({ ...tenant(name), quota: { pods: '12' } });
  expect(retried.status).toBe(201);
});

it('answers 503 at once, naming the cluster and its health, when the cluster is NotReady', async () => {
  cluster.pause();
  try {
    await waitFor(async () => (await health()) === 'NotReady', {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'the health monitor to mark the cluster NotReady',
    });
    const started = Date.now();
    const res = await request(backend.server)
      .post('/api/kube-platform/tenants')
      .set(as('bob'))
      .send(tenant(uniqueName('down')));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/Cluster 'hung' is NotReady since/);
  } finally {
    cluster.resume();
  }
});

import {
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import type { Server } from 'node:http';
import request from 'supertest';
import { startKubePlatform } from './__testUtils__/startKubePlatform';
import {
  appPath,
  BOB,
  clusterKit,
  createTenants,
  federatedApp,
  ndjson,
} from './federation/__testUtils__/federationTestKit';

jest.setTimeout(300_000);

/* What-if plans, changes of replicas, migration with surge, selection by region and concurrent changes, on real clusters. */

const clusters = useLocalClusters();
const namespace = uniqueName('fedops');
const kit = clusterKit(clusters, namespace);
const ALL = ['cluster-1', 'cluster-2', 'cluster-3'];
let server: Server;

const scheduling = {
  totalReplicas: 4,
  clusters: { 'cluster-1': { weight: 1 }, 'cluster-2': { weight: 1 } },
};
const web = federatedApp(namespace, { replicaScheduling: scheduling });

beforeAll(async () => {
  server = (await startKubePlatform(clusters)).server;
  await createTenants(server, namespace, ALL);
}, 120_000);

afterAll(() => kit.cleanUp(ALL));

const replicasOn = async (c: string, name = 'web') =>
  (await kit.liveDeployment(c, name))?.spec?.replicas;
const operations = async (name = 'web') =>
  (await request(server).get(appPath(namespace, name)).set(BOB)).body
    .operations as any[];

describe('what-if plan', () => {
  it('plans a new app without applying or recording anything, in exactly the documented shape', async () => {
    const res = await request(server)
      .post(appPath(namespace, 'web', '/plan'))
      .set(BOB)
      .send(web);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      targets: ['cluster-1', 'cluster-2'],
      plan: { 'cluster-1': 2, 'cluster-2': 2 },
      overflow: {},
      current: {},
      refusals: [],
      totalReplicas: 4,
    });
    for (const c of ALL) expect(await kit.liveDeployment(c)).toBeUndefined();
    expect(
      (await request(server).get(appPath(namespace)).set(BOB)).status,
    ).toBe(404);
  });

  it('plans a change of a deployed app against what runs now', async () => {
    expect(
      (
        await request(server)
          .post('/api/kube-platform/federated-apps')
          .set(BOB)
          .send(web)
      ).status,
    ).toBe(201);
    const before = await operations();
    const res = await request(server)
      .post(appPath(namespace, 'web', '/plan'))
      .set(BOB)
      .send({
        ...web,
        replicaScheduling: { ...scheduling, totalReplicas: 6 },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      plan: { 'cluster-1': 3, 'cluster-2': 3 },
      current: { 'cluster-1': 2, 'cluster-2': 2 },
      totalReplicas: 6,
    });
    expect(await replicasOn('cluster-1')).toBe(2);
    expect(await operations()).toEqual(before);
  });
});

describe('PATCH replicas', () => {
  it('changes total and weights, deploys, and records scale', async () => {
    const res = await request(server)
      .patch(appPath(namespace, 'web', '/replicas'))
      .set(BOB)
      .send({ totalReplicas: 6, clusters: { 'cluster-1': { weight: 2 } } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      result: 'updated',
      plan: { plan: { 'cluster-1': 4, 'cluster-2': 2 } },
    });
    expect(await replicasOn('cluster-1')).toBe(4);
    expect(await replicasOn('cluster-2')).toBe(2);
    const [last] = await operations();
    expect(last).toMatchObject({ action: 'scale', status: 'succeeded' });
    expect(last.spec.replicaScheduling.totalReplicas).toBe(6);
  });

  it('gives an app without replicaScheduling one from a total, streamed', async () => {
    const api = federatedApp(namespace, { name: 'api' });
    expect(
      (
        await request(server)
          .post('/api/kube-platform/federated-apps')
          .set(BOB)
          .send(api)
      ).status,
    ).toBe(201);
    const res = await request(server)
      .patch(appPath(namespace, 'api', '/replicas?stream=true'))
      .set(BOB)
      .send({ totalReplicas: 4 });
    const lines = ndjson(res.text);
    expect(lines[lines.length - 1]).toMatchObject({
      type: 'result',
      result: {
        result: 'updated',
        plan: { plan: { 'cluster-1': 2, 'cluster-2': 2 } },
      },
    });
    expect(await replicasOn('cluster-1', 'api')).toBe(2);
    const stored = (
      await request(server).get(appPath(namespace, 'api')).set(BOB)
    ).body;
    expect(stored.spec.replicaScheduling.clusters).toEqual({
      '*': { weight: 1 },
    });
  });
});

it('selects clusters by region with a clusterSelector', async () => {
  const regional = federatedApp(namespace, {
    name: 'regional',
    placement: {
      clusterSelector: {
        matchExpressions: [
          { key: 'region', operator: 'In', values: ['us-west', 'eu-west'] },
        ],
      },
    },
  });
  const res = await request(server)
    .post('/api/kube-platform/federated-apps')
    .set(BOB)
    .send(regional);
  expect(res.status).toBe(201);
  expect(res.body.plan.plan).toEqual({ 'cluster-1': 1, 'cluster-3': 1 });
  expect(await replicasOn('cluster-1', 'regional')).toBe(1);
  expect(await replicasOn('cluster-3', 'regional')).toBe(1);
  expect(await kit.liveDeployment('cluster-2', 'regional')).toBeUndefined();
});

it('migrates with surge: up and ready on the target first, then the source is pruned', async () => {
  const res = await request(server)
    .post(appPath(namespace, 'web', '/migrate?stream=true'))
    .set(BOB)
    .send({ from: 'cluster-2', to: 'cluster-3' });
  expect(res.status).toBe(200);
  const lines = ndjson(res.text);
  const result = lines[lines.length - 1];
  expect(result).toMatchObject({
    type: 'result',
    result: { result: 'updated' },
  });
  const objects = lines.filter(l => l.type === 'object').map(l => l.object);
  const surgeAt = objects.findIndex(
    o => o.cluster === 'cluster-3' && o.kind === 'Deployment',
  );
  const prunedAt = objects.findIndex(
    o => o.cluster === 'cluster-2' && o.outcome === 'deleted',
  );
  expect(surgeAt).toBeGreaterThanOrEqual(0);
  expect(result.result.objects).toContainEqual(
    expect.objectContaining({
      cluster: 'cluster-2',
      kind: 'Deployment',
      outcome: 'deleted',
    }),
  );
  // The prune streamed (if at all) only after the target was applied.
  expect(prunedAt === -1 || prunedAt > surgeAt).toBe(true);
  expect((await kit.liveDeployment('cluster-3'))?.status?.readyReplicas).toBe(
    2,
  );
  await waitFor(async () => !(await kit.liveDeployment('cluster-2')), {
    timeoutMs: 60_000,
    description: 'web gone from cluster-2',
  });
  const stored = (await request(server).get(appPath(namespace)).set(BOB)).body;
  expect(stored.spec.placement).toEqual({
    clusters: [{ name: 'cluster-1' }, { name: 'cluster-3' }],
  });
  expect(stored.spec.replicaScheduling.clusters).toEqual({
    'cluster-1': { weight: 2 },
    'cluster-3': { weight: 1 },
  });
  const ops = stored.operations.slice(0, 2);
  expect(ops.map((o: any) => [o.action, o.spec.step, o.status])).toEqual([
    ['migrate', 'move', 'succeeded'],
    ['migrate', 'surge', 'succeeded'],
  ]);
  // Surge: the move (which prunes the source) started only after the target was ready.
  const readySince = (
    await kit.liveDeployment('cluster-3')
  )?.status?.conditions?.find(
    c => c.type === 'Available' && c.status === 'True',
  )?.lastTransitionTime;
  expect(readySince).toBeDefined();
  expect(Date.parse(ops[0].createdAt)).toBeGreaterThanOrEqual(
    new Date(readySince!).getTime() - 1000,
  );
});

it('serialises 10 concurrent changes of one app with no lost update', async () => {
  const patches = Array.from({ length: 10 }, (_, i) =>
    i % 2 === 0
      ? { totalReplicas: 2 + i / 2 }
      : { clusters: { 'cluster-1': { weight: 11 + (i - 1) / 2 } } },
  );
  const answers = await Promise.all(
    patches.map(p =>
      request(server)
        .patch(appPath(namespace, 'web', '/replicas'))
        .set(BOB)
        .send(p),
    ),
  );
  expect(answers.map(a => a.status).every(s => s === 200 || s === 201)).toBe(
    true,
  );
  const scales = (await operations())
    .filter(o => o.action === 'scale')
    .slice(0, 10)
    .reverse();
  expect(scales).toHaveLength(10);
  for (let i = 1; i < scales.length; i++) {
    const [prev, next] = [
      scales[i - 1].spec.replicaScheduling,
      scales[i].spec.replicaScheduling,
    ];
    // One after the other, never interleaved.
    expect(Date.parse(scales[i].createdAt)).toBeGreaterThanOrEqual(
      Date.parse(scales[i - 1].updatedAt),
    );
    // Each change starts from the one before: exactly one of the two fields moved.
    const totalMoved = prev.totalReplicas !== next.totalReplicas;
    const weightMoved =
      prev.clusters['cluster-1'].weight !== next.clusters['cluster-1'].weight;
    expect(totalMoved !== weightMoved).toBe(true);
  }
  const final = (await request(server).get(appPath(namespace)).set(BOB)).body
    .spec.replicaScheduling;
  expect(final).toEqual(scales[9].spec.replicaScheduling);
  const seenTotals = new Set(
    scales.map(s => s.spec.replicaScheduling.totalReplicas),
  );
  const seenWeights = new Set(
    scales.map(s => s.spec.replicaScheduling.clusters['cluster-1'].weight),
  );
  // Every change is in the history: none was lost.
  expect([...seenTotals].sort()).toEqual([2, 3, 4, 5, 6]);
  expect([...seenWeights].sort()).toEqual(
    expect.arrayContaining([11, 12, 13, 14, 15]),
  );
  const live =
    (await replicasOn('cluster-1'))! + (await replicasOn('cluster-3'))!;
  expect(live).toBe(final.totalReplicas);
});

import {
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import type { Server } from 'node:http';
import request from 'supertest';
import { startKubePlatform } from './__testUtils__/startKubePlatform';
import {
  ALICE,
  appPath,
  BOB,
  clusterKit,
  createTenants,
  DAVE,
  federatedApp,
} from './federation/__testUtils__/federationTestKit';

jest.setTimeout(240_000);

/*
 * Bad input through REST (400 naming the field, nothing applied or changed
 * on any cluster) and who may do what with the real policy: bob (team-alpha,
 * the owner), dave (team-beta), alice (platform admin).
 */

const clusters = useLocalClusters();
const namespace = uniqueName('fedbad');
const kit = clusterKit(clusters, namespace);
const ALL = ['cluster-1', 'cluster-2', 'cluster-3'];
let server: Server;

const scheduling = {
  totalReplicas: 2,
  clusters: { 'cluster-1': { weight: 1 }, 'cluster-2': { weight: 1 } },
};
const web = federatedApp(namespace, { replicaScheduling: scheduling });

/** What runs on every cluster: each Deployment of the namespace with its replicas and generation (which only a spec change moves). */
async function snapshot() {
  return Promise.all(
    ALL.map(async c =>
      (await kit.apps(c).listNamespacedDeployment({ namespace })).items.map(
        d => [c, d.metadata?.name, d.spec?.replicas, d.metadata?.generation],
      ),
    ),
  );
}

let before: Awaited<ReturnType<typeof snapshot>>;
let storedBefore: unknown;

beforeAll(async () => {
  server = (await startKubePlatform(clusters)).server;
  // No tenant on cluster-3: the namespace is not team-alpha's there.
  await createTenants(server, namespace, ['cluster-1', 'cluster-2']);
  const res = await request(server)
    .post('/api/kube-platform/federated-apps')
    .set(BOB)
    .send(web);
  if (res.status !== 201)
    throw new Error(`deploy: ${res.status} ${JSON.stringify(res.body)}`);
  before = await snapshot();
  storedBefore = (await request(server).get(appPath(namespace)).set(BOB)).body
    .spec;
}, 120_000);

afterAll(() => kit.cleanUp(ALL));

const withApp = (changes: Record<string, unknown>) =>
  federatedApp(namespace, { replicaScheduling: scheduling, ...changes });
const withTemplate = (change: (t: any) => void) => {
  const app = withApp({}) as any;
  change(app.template);
  return app;
};
const post = (body: unknown) =>
  request(server)
    .post('/api/kube-platform/federated-apps')
    .set(BOB)
    .send(body as object);
const patch = (body: unknown) =>
  request(server)
    .patch(appPath(namespace, 'web', '/replicas'))
    .set(BOB)
    .send(body as object);
const migrate = (body: unknown) =>
  request(server)
    .post(appPath(namespace, 'web', '/migrate'))
    .set(BOB)
    .send(body as object);
const plan = (body: unknown, name = 'web') =>
  request(server)
    .post(appPath(namespace, name, '/plan'))
    .set(BOB)
    .send(body as object);

describe('bad input', () => {
  it.each([
    [
      'POST: a Secret in the template',
      () =>
        post(
          withTemplate(t => {
            t.configMaps = [
              { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
            ];
          }),
        ),
      'template.configMaps.0.kind',
    ],
    [
      'POST: an override to /metadata/name',
      () =>
        post(
          withApp({
            overrides: [
              {
                clusterName: 'cluster-1',
                clusterOverrides: [{ path: '/metadata/name', value: 'x' }],
              },
            ],
          }),
        ),
      'overrides.0.clusterOverrides.0.path',
    ],
    [
      'POST: an override to /kind',
      () =>
        post(
          withApp({
            overrides: [
              {
                clusterName: 'cluster-1',
                clusterOverrides: [{ path: '/kind', value: 'Pod' }],
              },
            ],
          }),
        ),
      'overrides.0.clusterOverrides.0.path',
    ],
    [
      'POST: an override of replicas planned by replicaScheduling',
      () =>
        post(
          withApp({
            overrides: [
              {
                clusterName: 'cluster-1',
                clusterOverrides: [{ path: '/spec/replicas', value: 9 }],
              },
            ],
          }),
        ),
      'overrides.0.clusterOverrides.0.path',
    ],
    [
      'POST: negative total replicas',
      () =>
        post(
          withApp({ replicaScheduling: { ...scheduling, totalReplicas: -1 } }),
        ),
      'replicaScheduling.totalReplicas',
    ],
    [
      'POST: non-integer total replicas',
      () =>
        post(
          withApp({ replicaScheduling: { ...scheduling, totalReplicas: 2.5 } }),
        ),
      'replicaScheduling.totalReplicas',
    ],
    [
      'POST: a weight out of range',
      () =>
        post(
          withApp({
            replicaScheduling: {
              ...scheduling,
              clusters: { 'cluster-1': { weight: 10_001 } },
            },
          }),
        ),
      'replicaScheduling.clusters.cluster-1.weight',
    ],
    [
      'POST: minReplicas above maxReplicas',
      () =>
        post(
          withApp({
            replicaScheduling: {
              ...scheduling,
              clusters: { 'cluster-1': { minReplicas: 3, maxReplicas: 2 } },
            },
          }),
        ),
      'replicaScheduling.clusters.cluster-1.minReplicas',
    ],
    [
      'POST: an unknown cluster',
      () =>
        post(
          withApp({
            placement: {
              clusters: [{ name: 'cluster-1' }, { name: 'nowhere' }],
            },
            replicaScheduling: undefined,
          }),
        ),
      'placement.clusters.1.name',
    ],
    [
      'POST: a selector matching nothing',
      () =>
        post(
          withApp({
            placement: { clusterSelector: { matchLabels: { region: 'mars' } } },
            replicaScheduling: undefined,
          }),
        ),
      'placement.clusterSelector',
    ],
    [
      "POST: a cluster where the namespace is not the owner's tenant",
      () =>
        post(
          withApp({
            placement: { clusters: [{ name: 'cluster-3' }] },
            replicaScheduling: undefined,
          }),
        ),
      `namespace: '${namespace}' is not a tenant of group:default/team-alpha on cluster 'cluster-3'`,
    ],
    [
      'POST: a cooldown too short',
      () => post(withApp({ failover: { enabled: true, cooldown: '10s' } })),
      'failover.cooldown',
    ],
    [
      'POST: an unknown field',
      () => post(withApp({ replicas: 3 })),
      'replicas: unknown field',
    ],
    [
      'POST: an oversized body',
      () =>
        post(
          withTemplate(t => {
            t.configMaps = [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                metadata: { name: 'big' },
                data: { x: 'x'.repeat(70_000) },
              },
            ];
          }),
        ),
      'larger than',
    ],
    [
      'PATCH: negative total',
      () => patch({ totalReplicas: -1 }),
      'totalReplicas',
    ],
    [
      'PATCH: non-integer total',
      () => patch({ totalReplicas: 1.5 }),
      'totalReplicas',
    ],
    [
      'PATCH: a negative weight',
      () => patch({ clusters: { 'cluster-1': { weight: -1 } } }),
      'clusters.cluster-1.weight',
    ],
    [
      'PATCH: an unknown cluster',
      () => patch({ clusters: { nowhere: { weight: 1 } } }),
      'replicaScheduling.clusters.nowhere',
    ],
    [
      'PATCH: an unknown field',
      () => patch({ replicas: 3 }),
      'replicas: unknown field',
    ],
    [
      'PATCH: nothing to change',
      () => patch({}),
      'give totalReplicas, clusters or both',
    ],
    [
      'migrate: from equal to to',
      () => migrate({ from: 'cluster-1', to: 'cluster-1' }),
      'to: must differ from from',
    ],
    [
      'migrate: to unknown',
      () => migrate({ from: 'cluster-1', to: 'nowhere' }),
      "to: 'nowhere' is not a registered cluster",
    ],
    [
      'migrate: to not a tenant of the owner',
      () => migrate({ from: 'cluster-2', to: 'cluster-3' }),
      'to: Invalid federated app: namespace',
    ],
    [
      'migrate: from not placed',
      () => migrate({ from: 'cluster-3', to: 'cluster-1' }),
      "from: 'cluster-3' is not in placement.clusters",
    ],
    [
      'migrate: to already placed',
      () => migrate({ from: 'cluster-1', to: 'cluster-2' }),
      "to: 'cluster-2' is already placed",
    ],
    [
      'plan: a namespace other than the path',
      () => plan({ ...web, namespace: 'elsewhere' }),
      `namespace: must be '${namespace}'`,
    ],
    [
      'plan: a name other than the path',
      () => plan(web, 'other'),
      "name: must be 'other'",
    ],
  ])('%s → 400 naming the field', async (_, send, field) => {
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('applied and changed nothing on any cluster, and the stored app is as deployed', async () => {
    expect(before.flat().length).toBe(2);
    expect(await snapshot()).toEqual(before);
    expect(
      (await request(server).get(appPath(namespace)).set(BOB)).body.spec,
    ).toEqual(storedBefore);
  });
});

describe('permissions with the real policy', () => {
  it('refuses a member of another group every change (403), and changes nothing', async () => {
    for (const res of [
      await request(server)
        .patch(appPath(namespace, 'web', '/replicas'))
        .set(DAVE)
        .send({ totalReplicas: 4 }),
      await request(server)
        .post(appPath(namespace, 'web', '/migrate'))
        .set(DAVE)
        .send({ from: 'cluster-2', to: 'cluster-1' }),
      await request(server)
        .post(appPath(namespace, 'web', '/plan'))
        .set(DAVE)
        .send(web),
      await request(server)
        .post(appPath(namespace, 'new-app', '/plan'))
        .set(DAVE)
        .send({ ...web, name: 'new-app' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /kube-platform\.federation\.(update|create)/,
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets the owner plan and a platform admin change replicas', async () => {
    expect(
      (
        await request(server)
          .post(appPath(namespace, 'web', '/plan'))
          .set(BOB)
          .send(web)
      ).status,
    ).toBe(200);
    const res = await request(server)
      .patch(appPath(namespace, 'web', '/replicas'))
      .set(ALICE)
      .send({ totalReplicas: 4 });
    expect(res.status).toBe(201);
    expect(res.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-2': 2 });
    const [last] = (await request(server).get(appPath(namespace)).set(BOB)).body
      .operations;
    expect(last).toMatchObject({
      action: 'scale',
      actor: 'user:default/alice',
    });
  });

  it('answers 404 for an app that does not exist, before any body check', async () => {
    const res = await request(server)
      .patch(appPath(namespace, 'ghost', '/replicas'))
      .set(BOB)
      .send({ totalReplicas: -1 });
    expect(res.status).toBe(404);
  });
});

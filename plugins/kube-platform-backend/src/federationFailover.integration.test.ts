import {
  kubePlatformClustersConfig,
  uniqueName,
  waitFor,
} from '@kube-platform/localcluster-testing';
import request from 'supertest';
import { startKubePlatform } from './__testUtils__/startKubePlatform';
import {
  appPath,
  BOB,
  clusterKit,
  createTenants,
  federatedApp,
} from './federation/__testUtils__/federationTestKit';
import { useOwnClusters } from './federation/__testUtils__/useOwnClusters';

jest.setTimeout(420_000);

/*
 * Failover, failback and drift repair by the scheduled reconcile, on real
 * clusters: cluster-2 is paused (SIGSTOP: it stops answering, as a dead
 * cluster does) and resumed. Short health period and cooldown.
 */

const HEALTH_PERIOD_S = 3;
const COOLDOWN_S = 30;
let backend: Awaited<ReturnType<typeof startKubePlatform>>;
// Clusters of this file's own: pausing a shared one would stall the other test files.
const clusters = useOwnClusters(['cluster-1', 'cluster-2', 'cluster-3'], () =>
  backend?.stop(),
);
const namespace = uniqueName('fedfo');
const kit = clusterKit(clusters, namespace);
const app = federatedApp(namespace, {
  replicaScheduling: {
    totalReplicas: 4,
    clusters: { 'cluster-1': { weight: 1 }, 'cluster-2': { weight: 1 } },
  },
  failover: { enabled: true, cooldown: `${COOLDOWN_S}s` },
});

beforeAll(async () => {
  backend = await startKubePlatform(
    clusters,
    {
      clusters: kubePlatformClustersConfig(clusters),
      requestTimeout: { seconds: 3 },
      health: {
        frequency: { seconds: HEALTH_PERIOD_S },
        timeout: { seconds: 1 },
      },
    },
    { realScheduler: true },
  );
  await createTenants(backend.server, namespace, [
    'cluster-1',
    'cluster-2',
    'cluster-3',
  ]);
}, 120_000);

const details = async () =>
  (await request(backend.server).get(appPath(namespace)).set(BOB)).body;
const actions = async () =>
  (await details()).operations.map((o: any) => o.action) as string[];
const health = async (name: string) =>
  (
    await request(backend.server)
      .get(`/api/kube-platform/clusters/${name}`)
      .set(BOB)
  ).body.health?.status;
const replicasOn = async (c: string) =>
  (await kit.liveDeployment(c))?.spec?.replicas;
const readyOn = async (c: string) =>
  (await kit.liveDeployment(c))?.status?.readyReplicas ?? 0;

async function waitForReplicas(c: string, replicas: number, ready: boolean) {
  const waited = waitFor(
    async () =>
      (await replicasOn(c)) === replicas &&
      (!ready || (await readyOn(c)) === replicas),
    {
      timeoutMs: 120_000,
      description: `${replicas} ${ready ? 'ready ' : ''}replicas on ${c}`,
    },
  );
  await waited.catch(async error => {
    const d = await details();
    throw new Error(
      `${error.message}; failover ${JSON.stringify(
        d.failover,
      )}; operations ${JSON.stringify(
        d.operations.map((o: any) => [
          o.action,
          o.status,
          o.error,
          o.createdAt,
        ]),
      )}; live ${JSON.stringify((await kit.liveDeployment(c))?.status)}`,
    );
  });
}

it('deploys 2 + 2 and records nothing while nothing drifts', async () => {
  const res = await request(backend.server)
    .post('/api/kube-platform/federated-apps')
    .set(BOB)
    .send(app);
  expect(res.status).toBe(201);
  await waitForReplicas('cluster-1', 2, true);
  await waitForReplicas('cluster-2', 2, true);
  // Two reconcile rounds at least (the global task runs every ~5 s).
  await new Promise(resolve => setTimeout(resolve, 12_000));
  expect(await actions()).toEqual(['create']);
});

it('repairs drift on a Ready cluster and records it once as reconcile', async () => {
  const live = (await kit.liveDeployment('cluster-1'))!;
  live.spec!.template.spec!.containers[0].image =
    'registry.example.com/web:9.9';
  await kit.apps('cluster-1').replaceNamespacedDeployment({
    name: 'web',
    namespace,
    body: live,
  });
  await waitFor(
    async () =>
      (
        await kit.liveDeployment('cluster-1')
      )?.spec?.template.spec?.containers[0].image ===
      'registry.example.com/web:1.0',
    { timeoutMs: 30_000, description: 'the image put back on cluster-1' },
  );
  const ops = (await details()).operations;
  expect(ops.map((o: any) => o.action)).toEqual(['reconcile', 'create']);
  expect(ops[0]).toMatchObject({
    actor: 'plugin:kube-platform',
    status: 'succeeded',
    spec: {
      drift: [
        expect.objectContaining({
          cluster: 'cluster-1',
          kind: 'Deployment',
          outcome: 'drifted',
        }),
      ],
    },
  });
});

it('fails over from a dead cluster within 3 health periods, and fails back after a cooldown of continuous readiness', async () => {
  const cluster2 = kit.cluster('cluster-2');
  const pausedAt = Date.now();
  cluster2.pause();
  let notReadyAt = 0;
  try {
    await waitFor(async () => (await health('cluster-2')) === 'NotReady', {
      timeoutMs: 60_000,
      description: 'cluster-2 NotReady',
    });
    notReadyAt = Date.now();
    await waitForReplicas('cluster-1', 4, false);
    const movedAfter = Date.now() - notReadyAt;
    // eslint-disable-next-line no-console
    console.log(
      `failover: NotReady ${
        notReadyAt - pausedAt
      } ms after the pause, replicas moved ${movedAfter} ms after NotReady`,
    );
    expect(movedAfter).toBeLessThanOrEqual(3 * HEALTH_PERIOD_S * 1000);
    await waitForReplicas('cluster-1', 4, true);
    // eslint-disable-next-line no-console
    console.log(
      `failover: 4 ready on cluster-1 ${
        Date.now() - notReadyAt
      } ms after NotReady`,
    );
    const failedOver = await details();
    expect(failedOver.failover.clusters).toEqual([
      expect.objectContaining({ cluster: 'cluster-2', state: 'failed-over' }),
    ]);
    expect(failedOver.operations[0]).toMatchObject({
      action: 'failover',
      cluster: 'cluster-2',
      status: 'succeeded',
      spec: {
        events: [
          expect.objectContaining({
            cluster: 'cluster-2',
            event: 'failover',
            reason: expect.stringContaining('NotReady'),
          }),
        ],
      },
    });
    // A user's deploy while failed over leaves the dead cluster alone.
    const again = await request(backend.server)
      .post('/api/kube-platform/federated-apps')
      .set(BOB)
      .send(app);
    expect(again.status).toBe(200);
    expect(again.body.plan.plan).toEqual({ 'cluster-1': 4 });
  } finally {
    cluster2.resume();
  }

  await waitFor(
    async () =>
      (await details()).failover.clusters[0]?.state === 'cooling-down',
    {
      timeoutMs: 60_000,
      description: 'cluster-2 cooling down',
    },
  );
  const firstCooling = (await details()).failover.clusters[0];
  // The stale Deployment on the recovered cluster is held at 0: it adds nothing to the total.
  await waitForReplicas('cluster-2', 0, false);
  expect(await replicasOn('cluster-1')).toBe(4);

  // It flaps during the cooldown: failed over again, and the cooldown starts over once it is back.
  cluster2.pause();
  try {
    await waitFor(
      async () =>
        (await details()).failover.clusters[0]?.state === 'failed-over',
      { timeoutMs: 60_000, description: 'cluster-2 failed over again' },
    );
  } finally {
    cluster2.resume();
  }
  await waitFor(
    async () =>
      (await details()).failover.clusters[0]?.state === 'cooling-down',
    { timeoutMs: 60_000, description: 'cluster-2 cooling down again' },
  );
  const cooling = (await details()).failover.clusters[0];
  // The cooldown started over: failback is a whole cooldown after the flap, not the first one.
  expect(Date.parse(cooling.since)).toBeGreaterThan(
    Date.parse(firstCooling.since),
  );
  expect(Date.parse(cooling.failbackAt)).toBeGreaterThan(
    Date.parse(firstCooling.failbackAt),
  );
  expect(await actions()).not.toContain('failback');

  await waitForReplicas('cluster-2', 2, true);
  await waitForReplicas('cluster-1', 2, false);
  const back = await details();
  expect(back.failover).toEqual({ clusters: [] });
  const failback = back.operations.find((o: any) => o.action === 'failback');
  expect(failback).toMatchObject({ cluster: 'cluster-2', status: 'succeeded' });
  expect(Date.parse(failback.createdAt)).toBeGreaterThanOrEqual(
    Date.parse(cooling.failbackAt),
  );
  expect(Date.parse(cooling.failbackAt) - Date.parse(cooling.since)).toBe(
    COOLDOWN_S * 1000,
  );
  // The second cooldown found cluster-2 still at 0: nothing changed, nothing recorded.
  expect(back.operations.map((o: any) => o.action).slice(0, 4)).toEqual([
    'failback',
    'reconcile',
    'update',
    'failover',
  ]);
});

it('migrates off a dead cluster: its replicas go to the new one, and it is pruned once it answers again', async () => {
  const cluster2 = kit.cluster('cluster-2');
  cluster2.pause();
  try {
    await waitFor(
      async () =>
        (await details()).failover.clusters[0]?.state === 'failed-over',
      { timeoutMs: 60_000, description: 'cluster-2 failed over' },
    );
    await waitForReplicas('cluster-1', 4, false);
    const res = await request(backend.server)
      .post(appPath(namespace, 'web', '/migrate'))
      .set(BOB)
      .send({ from: 'cluster-2', to: 'cluster-3' });
    expect(res.status).toBe(201);
    expect(res.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-3': 2 });
    expect((await kit.liveDeployment('cluster-3'))?.status?.readyReplicas).toBe(
      2,
    );
    await waitForReplicas('cluster-1', 2, false);
    const moved = await details();
    expect(moved.spec.placement.clusters).toEqual([
      { name: 'cluster-1' },
      { name: 'cluster-3' },
    ]);
    // Unreachable, so kept (not pruned) until it answers.
    expect(moved.failover.clusters).toEqual([
      expect.objectContaining({ cluster: 'cluster-2', state: 'failed-over' }),
    ]);
  } finally {
    cluster2.resume();
  }
  await waitFor(async () => !(await kit.liveDeployment('cluster-2')), {
    timeoutMs: 60_000,
    description: 'web pruned from cluster-2',
  });
  const done = await details();
  expect(done.failover).toEqual({ clusters: [] });
  expect(done.operations[0]).toMatchObject({
    action: 'failback',
    cluster: 'cluster-2',
    spec: { events: [expect.objectContaining({ event: 'forget' })] },
  });
  expect(done.operations[0].results).toContainEqual(
    expect.objectContaining({
      cluster: 'cluster-2',
      kind: 'Deployment',
      outcome: 'deleted',
    }),
  );
});

import type { Entity } from '@backstage/catalog-model';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { ConfigReader } from '@backstage/config';
import { createClusterRegistryFromConfig } from '@kube-platform/plugin-kube-platform-node';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { as } from './__testUtils__/startKubePlatform';
import {
  groupEntity,
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from './__testUtils__/realPolicy';
import { tenantRequest } from './federation/__testUtils__/federationTestKit';
import {
  clusterWithoutMetrics,
  type CostTestPod,
  PRICES,
  hourlyRate,
  relativeError,
  runPod,
  sampledHours,
  storedSamples,
  waitForSamples,
} from './cost/__testUtils__/costTestKit';
import { readPodUsage } from './cost/readPodUsage';
import { kubePlatformPlugin } from './plugin';

jest.setTimeout(300_000);

// Real clusters: cluster-1 and cluster-2 serve metrics.k8s.io; OFF does not (cluster-3
// with KUBE_PLATFORM_CLUSTERS_METRICS_OFF=cluster-3, else a cluster this file starts).
const clusters = useLocalClusters();
let off: Awaited<ReturnType<typeof clusterWithoutMetrics>>;
let OFF = 'cluster-3';
const cluster = (name: string) =>
  name === OFF ? off.cluster : clusters.find(c => c.name === name)!;
/** Every cluster of the test, the one without metrics last. */
const clustersConfig = () => [
  ...kubePlatformClustersConfig(clusters),
  ...(off.owned
    ? kubePlatformClustersConfig([off.cluster]).map(c => ({
        ...c,
        host: false,
      }))
    : []),
];
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const A = uniqueName('cost-a'); // cluster-1: a component's pod, a worker, a pod deleted later, a claim
const C = uniqueName('cost-c'); // cluster-2
const B = uniqueName('cost-b'); // OFF, no metrics: priced from requests
const ALPHA = 'group:default/team-alpha';

const PODS: CostTestPod[] = [
  // max(200m, 300m used) CPU, max(256Mi, 128Mi used) memory.
  {
    cluster: 'cluster-1',
    namespace: A,
    name: 'web',
    labels: { app: 'shop-web' },
    requests: { cpu: '200m', memory: '256Mi' },
    usage: 'cpu=300m,memory=128Mi',
    ratePerHour: hourlyRate(0.3, 256),
  },
  // No annotation: uses 50 % of its requests, so pays its requests.
  {
    cluster: 'cluster-1',
    namespace: A,
    name: 'worker',
    labels: { app: 'worker' },
    requests: { cpu: '100m', memory: '128Mi' },
    ratePerHour: hourlyRate(0.1, 128),
  },
  {
    cluster: 'cluster-1',
    namespace: A,
    name: 'temp',
    labels: { app: 'temp' },
    requests: { cpu: '100m', memory: '64Mi' },
    ratePerHour: hourlyRate(0.1, 64),
  },
  {
    cluster: 'cluster-2',
    namespace: C,
    name: 'api',
    labels: { app: 'api' },
    requests: { cpu: '150m', memory: '128Mi' },
    usage: 'cpu=100m,memory=64Mi',
    ratePerHour: hourlyRate(0.15, 128),
  },
  // The annotation says more than requested, but OFF has no metrics: requests it is.
  {
    cluster: 'cluster-3', // replaced by OFF once known
    namespace: B,
    name: 'batch',
    labels: { app: 'batch' },
    requests: { cpu: '100m', memory: '128Mi' },
    usage: 'cpu=400m,memory=512Mi',
    ratePerHour: hourlyRate(0.1, 128),
  },
];
const pod = (name: string) => PODS.find(p => p.name === name)!;
const CLAIM_RATE = 1 * PRICES.storageGiBHour; // 1 GiB bound in A

function entity(
  kind: string,
  name: string,
  spec: object,
  annotations = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const catalogEntities = (): Entity[] => [
  ...['team-beta', 'platform-team'].map(groupEntity),
  // A budget the tenants overrun within minutes: the projection is critical.
  {
    ...groupEntity('team-alpha'),
    metadata: {
      name: 'team-alpha',
      namespace: 'default',
      annotations: { 'kube-platform.io/monthly-budget': '0.05 USD' },
    },
  },
  entity('System', 'shop', { owner: 'team-alpha' }),
  entity(
    'Component',
    'shop-web',
    {
      owner: 'team-alpha',
      system: 'shop',
      type: 'service',
      lifecycle: 'production',
    },
    {
      'backstage.io/kubernetes-label-selector': 'app=shop-web',
      'kube-platform.io/tenant': `cluster-1/${A}`,
    },
  ),
  ...[
    ['cluster-1', A],
    ['cluster-2', C],
    [OFF, B],
  ].map(([c, n]) =>
    entity(
      'Resource',
      `${c}-${n}`,
      { type: 'kubernetes-namespace', owner: ALPHA },
      {
        'kube-platform.io/tenant': `${c}/${n}`,
      },
    ),
  ),
];

let server: Server;
let knex: Knex;

async function cost(
  path: string,
  user = 'bob',
  query: Record<string, string> = {},
) {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  return request(server)
    .get(`/api/kube-platform/entities/${path}/cost`)
    .query({ from, step: 'hour', ...query })
    .set(as(user));
}

/** Costs read between two identical reads of the samples, so both describe the same history. */
async function consistent(paths: string[]) {
  for (;;) {
    const before = await storedSamples(knex);
    const bodies = await Promise.all(
      paths.map(async p => (await cost(p)).body),
    );
    const after = await storedSamples(knex);
    if (after.length === before.length) return { samples: after, bodies };
  }
}

beforeAll(async () => {
  off = await clusterWithoutMetrics(clusters);
  OFF = off.cluster.name;
  pod('batch').cluster = OFF;
  knex = await databases.init('SQLITE_3');
  const backend = await startTestBackend({
    features: [
      schedulerServiceFactory,
      kubePlatformPlugin,
      realPolicyPermissionsFactory,
      membershipUserInfoFactory,
      catalogServiceMock.factory({ entities: catalogEntities() }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          kubePlatform: {
            platformAdminGroups: ['group:default/platform-team'],
            clusters: [
              ...clustersConfig(),
              // Nothing listens there: every sample of it must be a gap.
              {
                name: 'cluster-gone',
                url: 'https://127.0.0.1:1',
                skipTLSVerify: true,
                auth: { provider: 'serviceAccount', token: 'unused' },
              },
            ],
            cost: { sampleFrequency: '3s' },
          },
        },
      }),
    ],
  });
  server = backend.server;
  for (const [c, n] of [
    ['cluster-1', A],
    ['cluster-2', C],
    [OFF, B],
  ]) {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(as('bob'))
      .send(tenantRequest(c, n));
    if (res.status !== 201)
      throw new Error(`tenant ${n}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});

afterAll(async () => {
  for (const [c, n] of [
    ['cluster-1', A],
    ['cluster-2', C],
    [OFF, B],
  ]) {
    await cluster(c)
      .kubeConfig.makeApiClient(CoreV1Api)
      .deleteNamespace({ name: n })
      .catch(() => undefined);
  }
  await off?.release();
});

describe('usage from the metrics API', () => {
  it('reads PodMetrics where served and says requests where not, as the platform identity', async () => {
    // The registry's kube configs: the platform's least-privilege token, every call bounded.
    const registry = createClusterRegistryFromConfig(
      new ConfigReader({
        kubePlatform: { clusters: clustersConfig() },
      }),
    );
    const on = await readPodUsage(registry.getKubeConfig('cluster-1'));
    expect(on.source).toBe('metrics');
    const without = await readPodUsage(registry.getKubeConfig(OFF));
    expect(without).toEqual({
      source: 'requests',
      pods: new Map(),
      reason: expect.stringContaining('metrics.k8s.io/v1beta1 is not served'),
    });
  });
});

describe('cost accrual on real clusters', () => {
  let startedAt = 0;

  beforeAll(async () => {
    const started = await Promise.all(
      PODS.map(p => runPod(cluster(p.cluster), p)),
    );
    const core = cluster('cluster-1').kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedPersistentVolumeClaim({
      namespace: A,
      body: {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    await waitFor(
      async () => {
        const claim = await core.readNamespacedPersistentVolumeClaim({
          name: 'data',
          namespace: A,
        });
        return claim.status?.phase === 'Bound';
      },
      { timeoutMs: 60_000, description: 'claim bound' },
    );
    // From here on every pod runs and the claim is bound for the whole of each new sample.
    startedAt = Math.max(
      Date.now(),
      ...started.map(p => new Date(p.status!.startTime!).getTime()),
    );
    await waitForSamples(knex, ['cluster-1', 'cluster-2', OFF], startedAt, 1);
  });

  it('accrues each entity’s hand-computed cost within 1 %, from metrics or requests per cluster', async () => {
    const paths = [
      `resource/default/cluster-1-${A}`,
      `resource/default/cluster-2-${C}`,
      `resource/default/${OFF}-${B}`,
      'component/default/shop-web',
      'group/default/team-alpha',
    ];
    const first = await consistent(paths);
    const since = Math.max(...first.samples.map(s => s.end));
    await waitForSamples(knex, ['cluster-1', 'cluster-2', OFF], since, 3);
    const second = await consistent(paths);
    const grown = (i: number) =>
      second.bodies[i].total.total - first.bodies[i].total.total;
    const hours = (c: string) => sampledHours(second.samples, c, since);
    expect(hours('cluster-1')).toBeGreaterThan(0);

    const expectedA =
      (pod('web').ratePerHour +
        pod('worker').ratePerHour +
        pod('temp').ratePerHour +
        CLAIM_RATE) *
      hours('cluster-1');
    expect(relativeError(grown(0), expectedA)).toBeLessThan(0.01);
    expect(
      relativeError(grown(1), pod('api').ratePerHour * hours('cluster-2')),
    ).toBeLessThan(0.01);
    expect(
      relativeError(grown(2), pod('batch').ratePerHour * hours(OFF)),
    ).toBeLessThan(0.01);
    // The component: its labelled pod only, not the tenant's other pods or claim.
    expect(
      relativeError(grown(3), pod('web').ratePerHour * hours('cluster-1')),
    ).toBeLessThan(0.01);
    // The bound claim adds storage, and only storage.
    const storage =
      second.bodies[0].total.storage - first.bodies[0].total.storage;
    expect(
      relativeError(storage, CLAIM_RATE * hours('cluster-1')),
    ).toBeLessThan(0.01);
    // The group is exactly the sum of its tenants (no component counted twice).
    const tenantsTotal = second.bodies
      .slice(0, 3)
      .reduce((s, b) => s + b.total.total, 0);
    expect(
      relativeError(second.bodies[4].total.total, tenantsTotal),
    ).toBeLessThan(1e-9);

    expect(second.bodies[0].usageSource).toEqual({ 'cluster-1': 'metrics' });
    expect(second.bodies[1].usageSource).toEqual({ 'cluster-2': 'metrics' });
    expect(second.bodies[2].usageSource).toEqual({ [OFF]: 'requests' });
    // This month's cost so far is everything sampled (the test began minutes ago).
    const budget = second.bodies[4].budget;
    expect(budget).toMatchObject({
      monthly: 0.05,
      currency: 'USD',
      level: 'critical',
    });
    expect(
      relativeError(budget.monthToDate, second.bodies[4].total.total),
    ).toBeLessThan(1e-9);
    expect(budget.projected).toBeGreaterThan(budget.monthToDate);
    expect(second.bodies[0].budget).toBeUndefined();
    expect(second.bodies[4]).toMatchObject({
      entityRef: 'group:default/team-alpha',
      currency: 'USD',
      step: 'hour',
    });
  });

  it('records an unreachable cluster as gaps, never as cost', async () => {
    const res = await cost('group/default/team-alpha');
    const gone = res.body.gaps.filter((g: any) => g.cluster === 'cluster-gone');
    expect(gone.length).toBeGreaterThan(0);
    expect(gone[0].reason).toMatch(/not in sync|NotReady/);
    expect(
      res.body.gaps.filter((g: any) => g.cluster !== 'cluster-gone'),
    ).toEqual([]);
    const samples = await storedSamples(knex);
    expect(samples.filter(s => s.cluster === 'cluster-gone')).toEqual([]);
    expect(Object.keys(res.body.usageSource)).not.toContain('cluster-gone');
  });

  it('stops accruing for a deleted pod', async () => {
    const core = cluster('cluster-1').kubeConfig.makeApiClient(CoreV1Api);
    await core.deleteNamespacedPod({
      name: 'temp',
      namespace: A,
      gracePeriodSeconds: 0,
    });
    await waitFor(
      async () => {
        try {
          await core.readNamespacedPod({ name: 'temp', namespace: A });
          return false;
        } catch {
          return true;
        }
      },
      { description: 'temp pod gone' },
    );
    await waitForSamples(knex, ['cluster-1'], Date.now(), 1);
    const workload = async () => {
      const res = await cost(`resource/default/cluster-1-${A}`, 'bob', {
        groupBy: 'workload',
      });
      const item = (key: string) =>
        res.body.breakdown.find((i: any) => i.key === `cluster-1/${A}/${key}`);
      return { temp: item('Pod/temp').total, web: item('Pod/web').total };
    };
    const before = await workload();
    await waitForSamples(knex, ['cluster-1'], Date.now(), 2);
    const after = await workload();
    expect(after.temp).toBe(before.temp);
    expect(after.web).toBeGreaterThan(before.web);
  });

  it('returns the same figures as CSV, with a file name', async () => {
    const path = `/api/kube-platform/entities/resource/default/cluster-1-${A}/cost`;
    const query = {
      from: new Date(Date.now() - 3_600_000).toISOString(),
      step: 'hour',
      groupBy: 'workload',
    };
    let json: any;
    let csv: request.Response;
    // Both read between two identical reads of the samples, so they describe the same history.
    for (;;) {
      const before = (await storedSamples(knex)).length;
      json = (await request(server).get(path).query(query).set(as('bob'))).body;
      csv = await request(server)
        .get(path)
        .query({ ...query, format: 'csv' })
        .set(as('bob'));
      if ((await storedSamples(knex)).length === before) break;
    }
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="cost-resource-default-cluster-1-${A}-${json.from.slice(
        0,
        10,
      )}-${json.to.slice(0, 10)}.csv"`,
    );
    const lines = csv.text
      .trim()
      .split('\n')
      .map(l => l.split(','));
    expect(lines[0]).toEqual([
      'section',
      'key',
      'label',
      'cpu',
      'memory',
      'storage',
      'total',
    ]);
    const amounts = (a: any) => [a.cpu, a.memory, a.storage, a.total];
    const rest = (l: string[]) => l.slice(3).map(Number);
    expect(
      lines.filter(l => l[0] === 'total').map(l => [l[1], ...rest(l)]),
    ).toEqual([[json.entityRef, ...amounts(json.total)]]);
    expect(
      lines.filter(l => l[0] === 'series').map(l => [l[1], ...rest(l)]),
    ).toEqual(json.series.map((p: any) => [p.start, ...amounts(p)]));
    expect(
      lines.filter(l => l[0] === 'breakdown').map(l => [l[1], ...rest(l)]),
    ).toEqual(json.breakdown.map((i: any) => [i.key, ...amounts(i)]));
    expect(json.breakdown.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 403 to a member of another group and the cost to a platform admin', async () => {
    expect((await cost('group/default/team-alpha', 'dave')).status).toBe(403);
    expect((await cost(`resource/default/${OFF}-${B}`, 'dave')).status).toBe(
      403,
    );
    // The tenant itself is readable by everyone signed in; its cost only by owners and admins.
    const tenant = (user: string) =>
      request(server)
        .get(`/api/kube-platform/tenants/cluster-1/${A}`)
        .set(as(user));
    const forBob = await tenant('bob');
    expect(forBob.body.cost).toMatchObject({ currency: 'USD' });
    expect(forBob.body.cost.monthToDate).toBeGreaterThan(0);
    const forDave = await tenant('dave');
    expect(forDave.status).toBe(200);
    expect(forDave.body).not.toHaveProperty('cost');
    const admin = await cost('group/default/team-alpha', 'alice');
    expect(admin.status).toBe(200);
    expect(admin.body.total.total).toBeGreaterThan(0);
  });

  it('answers 400 naming the parameter, and 404 for an unknown entity', async () => {
    const now = Date.now();
    const cases: Array<[Record<string, string>, string]> = [
      [
        {
          from: new Date(now).toISOString(),
          to: new Date(now - 3_600_000).toISOString(),
        },
        'from',
      ],
      [{ step: 'week' }, 'step'],
      [{ groupBy: 'team' }, 'groupBy'],
      [{ from: new Date(now - 30 * 86_400_000).toISOString() }, 'from'],
      [{ from: 'yesterday' }, 'from'],
      [{ to: '2026-13-45' }, 'to'],
    ];
    for (const [query, parameter] of cases) {
      const res = await cost('group/default/team-alpha', 'bob', query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${parameter}:`));
    }
    expect((await cost('group/default/nobody')).status).toBe(404);
  });

  it('gives a cluster’s allocated, idle and total cost to platform admins', async () => {
    const res = await request(server)
      .get('/api/kube-platform/clusters/cluster-1/cost')
      .set(as('alice'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: 'cluster-1', currency: 'USD' });
    expect(res.body.allocated.total).toBeGreaterThan(0);
    expect(res.body.idle.total).toBeGreaterThan(0);
    expect(res.body.total.total).toBeCloseTo(
      res.body.allocated.total + res.body.idle.total,
      12,
    );
    expect(
      (
        await request(server)
          .get('/api/kube-platform/clusters/cluster-1/cost')
          .set(as('dave'))
      ).status,
    ).toBe(403);
  });
});

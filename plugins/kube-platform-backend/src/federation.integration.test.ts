import {
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import type { Server } from 'node:http';
import request from 'supertest';
import { as, startKubePlatform } from './__testUtils__/startKubePlatform';
import {
  BOB,
  clusterKit,
  createTenants,
  DAVE,
  federatedApp as baseApp,
  IMAGE,
} from './federation/__testUtils__/federationTestKit';

jest.setTimeout(240_000);

/* Federated apps through the REST API, with the real policy, on real clusters. */

const clusters = useLocalClusters();
let server: Server;

const namespace = uniqueName('fed');
const { liveDeployment, cleanUp } = clusterKit(clusters, namespace);

/** Weights 2:1 over cluster-1 and cluster-2, 3 replicas, another image on cluster-2. */
function federatedApp(changes: Record<string, unknown> = {}) {
  return baseApp(namespace, {
    overrides: [
      {
        clusterName: 'cluster-2',
        clusterOverrides: [
          {
            path: '/spec/template/spec/containers/0/image',
            value: 'registry.example.com/web:2.0',
          },
        ],
      },
    ],
    replicaScheduling: {
      totalReplicas: 3,
      clusters: { 'cluster-1': { weight: 2 }, 'cluster-2': { weight: 1 } },
    },
    ...changes,
  });
}

const deploy = (body: object, user = BOB, query = '') =>
  request(server)
    .post(`/api/kube-platform/federated-apps${query}`)
    .set(user)
    .send(body);

beforeAll(async () => {
  const backend = await startKubePlatform(clusters);
  server = backend.server;
  // Small quota: 20 replicas do not fit (the quota pre-flight case).
  await createTenants(server, namespace, ['cluster-1', 'cluster-2'], {
    'requests.cpu': '1',
    'requests.memory': '4Gi',
    pods: '10',
  });
});

afterAll(() => cleanUp(['cluster-1', 'cluster-2']));

describe('federated apps on real clusters', () => {
  it('deploys weights 2:1 as 2 and 1 ready replicas, with the per-cluster override live', async () => {
    const res = await deploy(federatedApp());
    expect(res.body).toMatchObject({ result: 'created' });
    expect(res.status).toBe(201);
    expect(res.body.result).toBe('created');
    expect(res.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-2': 1 });

    for (const [c, replicas, image] of [
      ['cluster-1', 2, IMAGE],
      ['cluster-2', 1, 'registry.example.com/web:2.0'],
    ] as const) {
      const live = await waitFor(
        async () => {
          const d = await liveDeployment(c);
          return d?.status?.readyReplicas === replicas ? d : undefined;
        },
        { timeoutMs: 90_000, description: `${replicas} ready on ${c}` },
      );
      expect(live.spec?.replicas).toBe(replicas);
      expect(live.spec?.template.spec?.containers[0].image).toBe(image);
      expect(live.metadata?.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'kube-platform',
        'kube-platform.io/federated-app': 'web',
      });
    }

    // Status comes from the watch caches: wait until they saw the rollout.
    const details = await waitFor(
      async () => {
        const answer = await request(server)
          .get(`/api/kube-platform/federated-apps/${namespace}/web`)
          .set(BOB);
        return answer.body.status?.every((s: any) => s.readyReplicas > 0)
          ? answer
          : undefined;
      },
      { timeoutMs: 30_000, description: 'ready replicas in the status' },
    );
    expect(details.status).toBe(200);
    expect(details.body.clusters).toEqual(['cluster-1', 'cluster-2']);
    expect(details.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-2': 1 });
    expect(
      details.body.status.map((s: any) => [
        s.cluster,
        s.desiredReplicas,
        s.readyReplicas,
        s.observedGeneration === s.generation,
      ]),
    ).toEqual([
      ['cluster-1', 2, 2, true],
      ['cluster-2', 1, 1, true],
    ]);
    expect(details.body.operations[0]).toMatchObject({
      action: 'create',
      status: 'succeeded',
      actor: 'user:default/bob',
    });
  });

  it('changes nothing on a second identical request', async () => {
    const before = await Promise.all(
      ['cluster-1', 'cluster-2'].map(
        async c => (await liveDeployment(c))?.metadata?.resourceVersion,
      ),
    );
    const res = await deploy(federatedApp());
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('unchanged');
    expect(new Set(res.body.objects.map((o: any) => o.outcome))).toEqual(
      new Set(['unchanged']),
    );
    const after = await Promise.all(
      ['cluster-1', 'cluster-2'].map(
        async c => (await liveDeployment(c))?.metadata?.resourceVersion,
      ),
    );
    expect(after).toEqual(before);
  });

  it('lets a platform admin pre-flight an app of another team', async () => {
    const res = await deploy(federatedApp(), as('alice'), '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('dry-run');
  });

  it('refuses a member of another group (403) and applies nothing', async () => {
    const res = await deploy(federatedApp({ name: 'intruder' }), DAVE);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('kube-platform.federation.create');
    expect(await liveDeployment('cluster-1', 'intruder')).toBeUndefined();
    // Signed-in users read every app (as they read tenants); changing stays with the owners.
    const read = await request(server)
      .get(`/api/kube-platform/federated-apps/${namespace}/web`)
      .set(DAVE);
    expect(read.status).toBe(200);
    const list = await request(server)
      .get('/api/kube-platform/federated-apps?owner=group:default/team-alpha')
      .set(DAVE);
    expect(list.body.items.map((a: any) => a.name)).toEqual(['web']);
    const other = await request(server)
      .get('/api/kube-platform/federated-apps?owner=group:default/team-beta')
      .set(DAVE);
    expect(other.body.items).toEqual([]);
  });

  const bad = (name: string) => federatedApp({ name });
  it.each([
    [
      'a Secret in the template',
      () => {
        const app = bad('bad-secret') as any;
        app.template.configMaps = [
          { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
        ];
        return app;
      },
      'template.configMaps.0.kind',
    ],
    [
      'an override to /metadata/name',
      () =>
        federatedApp({
          name: 'bad-override',
          overrides: [
            {
              clusterName: 'cluster-1',
              clusterOverrides: [{ path: '/metadata/name', value: 'x' }],
            },
          ],
        }),
      'overrides.0.clusterOverrides.0.path',
    ],
    [
      'an unknown cluster',
      () =>
        federatedApp({
          name: 'bad-cluster',
          placement: { clusters: [{ name: 'cluster-1' }, { name: 'nowhere' }] },
        }),
      'placement.clusters.1.name',
    ],
    [
      'negative replicas',
      () =>
        federatedApp({
          name: 'bad-replicas',
          replicaScheduling: { totalReplicas: -1 },
        }),
      'replicaScheduling.totalReplicas',
    ],
    [
      'a selector matching nothing',
      () =>
        federatedApp({
          name: 'bad-selector',
          placement: { clusterSelector: { matchLabels: { region: 'mars' } } },
          replicaScheduling: undefined,
          overrides: [],
        }),
      'placement.clusterSelector',
    ],
    [
      'a cluster where the namespace is no tenant of the owner',
      () =>
        federatedApp({
          name: 'bad-tenant',
          replicaScheduling: {
            totalReplicas: 3,
            clusters: {
              'cluster-1': { weight: 1 },
              'cluster-3': { weight: 1 },
            },
          },
        }),
      "cluster 'cluster-3'",
    ],
  ])(
    'refuses %s (400 naming the field) and applies nothing',
    async (_, body, field) => {
      const app = body();
      const res = await deploy(app);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
      for (const c of ['cluster-1', 'cluster-2', 'cluster-3']) {
        expect(await liveDeployment(c, app.name)).toBeUndefined();
      }
    },
  );

  it('refuses everywhere when the quota of a cluster is too small (409), and applies nothing', async () => {
    const tooMany = federatedApp({
      replicaScheduling: {
        totalReplicas: 20,
        clusters: { 'cluster-1': { weight: 2 }, 'cluster-2': { weight: 1 } },
      },
    });
    // The quota pre-flight reads the ResourceQuota watch cache: wait until it has the tenants' quotas.
    await waitFor(
      async () => (await deploy(tooMany, BOB, '?dryRun=true')).status === 409,
      { timeoutMs: 30_000, description: 'quota in the watch cache' },
    );
    const res = await deploy(tooMany);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('cluster-1');
    expect(res.body.error.message).toContain('pods');
    expect((await liveDeployment('cluster-1'))?.spec?.replicas).toBe(2);
    expect((await liveDeployment('cluster-2'))?.spec?.replicas).toBe(1);
  });

  it('pre-flights only with dryRun', async () => {
    const res = await deploy(
      federatedApp({
        replicaScheduling: {
          totalReplicas: 4,
          clusters: { 'cluster-1': { weight: 1 }, 'cluster-2': { weight: 1 } },
        },
      }),
      BOB,
      '?dryRun=true',
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toBe('dry-run');
    expect(res.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-2': 2 });
    expect((await liveDeployment('cluster-1'))?.spec?.replicas).toBe(2);
    expect((await liveDeployment('cluster-2'))?.spec?.replicas).toBe(1);
  });

  it('prunes the cluster that left the placement', async () => {
    const res = await deploy(
      federatedApp({
        placement: { clusters: [{ name: 'cluster-1' }] },
        overrides: [],
        replicaScheduling: {
          totalReplicas: 3,
          clusters: { 'cluster-1': { weight: 2 } },
        },
      }),
      BOB,
      '?stream=true',
    );
    expect(res.status).toBe(200);
    const lines = res.text
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    const result = lines[lines.length - 1];
    expect(result.type).toBe('result');
    expect(result.result.result).toBe('updated');
    expect(
      result.result.objects.filter((o: any) => o.outcome === 'deleted'),
    ).toEqual([
      expect.objectContaining({ cluster: 'cluster-2', kind: 'Deployment' }),
    ]);
    await waitFor(async () => !(await liveDeployment('cluster-2')), {
      timeoutMs: 60_000,
      description: 'Deployment gone from cluster-2',
    });
    expect((await liveDeployment('cluster-1'))?.spec?.replicas).toBe(3);
  });

  it('removes the app everywhere on DELETE', async () => {
    const denied = await request(server)
      .delete(`/api/kube-platform/federated-apps/${namespace}/web`)
      .set(DAVE);
    expect(denied.status).toBe(403);
    const res = await request(server)
      .delete(`/api/kube-platform/federated-apps/${namespace}/web`)
      .set(BOB);
    expect(res.status).toBe(200);
    await waitFor(async () => !(await liveDeployment('cluster-1')), {
      timeoutMs: 60_000,
      description: 'Deployment gone from cluster-1',
    });
    const gone = await request(server)
      .get(`/api/kube-platform/federated-apps/${namespace}/web`)
      .set(BOB);
    expect(gone.status).toBe(404);
  });
});

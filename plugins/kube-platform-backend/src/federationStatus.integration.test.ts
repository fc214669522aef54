import {
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { as, startKubePlatform } from './__testUtils__/startKubePlatform';

jest.setTimeout(240_000);

/*
 * Federated app status read from the watch caches of real clusters: it
 * follows changes made behind the platform's back (drift), and answers at
 * once while a cluster hangs, because no request reaches the clusters.
 */

const clusters = useLocalClusters();
let server: Server;

const BOB = as('bob'); // team-alpha
const namespace = uniqueName('fedstatus');
const IMAGE = 'registry.example.com/web:1.0';
const CLUSTERS = ['cluster-1', 'cluster-2', 'cluster-3'];
const REQUEST_TIMEOUT_S = 5;

const cluster = (name: string) => clusters.find(c => c.name === name)!;
const adminApps = (name: string) =>
  cluster(name).kubeConfig.makeApiClient(AppsV1Api);

/** Two replicas on each cluster (no replicaScheduling), another image on cluster-2. */
const app = {
  name: 'web',
  namespace,
  owner: 'group:default/team-alpha',
  template: {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                image: IMAGE,
                resources: {
                  requests: { cpu: '50m', memory: '64Mi' },
                  limits: { cpu: '100m', memory: '128Mi' },
                },
              },
            ],
          },
        },
      },
    },
  },
  placement: { clusters: CLUSTERS.map(name => ({ name })) },
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
};

async function details() {
  const res = await request(server)
    .get(`/api/kube-platform/federated-apps/${namespace}/web`)
    .set(BOB);
  expect(res.status).toBe(200);
  return res.body;
}

const statusOf = (body: any, name: string) =>
  body.status.find((s: any) => s.cluster === name);

/** Changes the live Deployment as a cluster admin would, behind the platform's back. */
async function editBehindOurBack(
  clusterName: string,
  edit: (d: any) => void,
): Promise<void> {
  const api = adminApps(clusterName);
  const live = await api.readNamespacedDeployment({ name: 'web', namespace });
  edit(live);
  await api.replaceNamespacedDeployment({ name: 'web', namespace, body: live });
}

beforeAll(async () => {
  const backend = await startKubePlatform(clusters, {
    requestTimeout: { seconds: REQUEST_TIMEOUT_S },
  });
  server = backend.server;
  for (const c of CLUSTERS) {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send({
        name: namespace,
        owner: 'group:default/team-alpha',
        cluster: c,
        environment: 'development',
        costCenter: 'payments',
        contact: 'alpha@example.com',
        quota: { 'requests.cpu': '1', 'requests.memory': '4Gi', pods: '10' },
        security: { allowedRegistries: ['registry.example.com'] },
      });
    if (res.status !== 201) {
      throw new Error(
        `Tenant on ${c}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
  }
});

afterAll(async () => {
  await Promise.all(
    CLUSTERS.map(c =>
      cluster(c)
        .kubeConfig.makeApiClient(CoreV1Api)
        .deleteNamespace({ name: namespace })
        .catch(() => undefined),
    ),
  );
});

describe('federated app status from the watch caches', () => {
  it('shows every cluster rolled out with no drift, and the totals', async () => {
    const res = await request(server)
      .post('/api/kube-platform/federated-apps')
      .set(BOB)
      .send(app);
    expect(res.status).toBe(201);

    const body = await waitFor(
      async () => {
        const d = await details();
        return d.totals.ready === 6 ? d : undefined;
      },
      { timeoutMs: 90_000, description: '6 ready replicas in the caches' },
    );
    expect(body.totals).toEqual({
      desired: 6,
      updated: 6,
      ready: 6,
      available: 6,
    });
    for (const name of CLUSTERS) {
      expect(statusOf(body, name)).toMatchObject({
        cluster: name,
        state: 'present',
        plannedReplicas: 2,
        desiredReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        rolledOut: true,
        drift: false,
        driftedFields: [],
      });
      const s = statusOf(body, name);
      expect(s.observedGeneration).toBe(s.generation);
      expect(s.conditions).toContainEqual(
        expect.objectContaining({ type: 'Available', status: 'True' }),
      );
    }
  });

  it('follows a scale behind our back: drift on spec.replicas, totals include it', async () => {
    await editBehindOurBack('cluster-1', d => {
      d.spec.replicas = 4;
    });
    const body = await waitFor(
      async () => {
        const d = await details();
        return statusOf(d, 'cluster-1').desiredReplicas === 4 ? d : undefined;
      },
      { timeoutMs: 30_000, description: 'the scale in the cache' },
    );
    expect(statusOf(body, 'cluster-1')).toMatchObject({
      state: 'present',
      plannedReplicas: 2,
      desiredReplicas: 4,
      drift: true,
      driftedFields: ['spec.replicas'],
    });
    expect(statusOf(body, 'cluster-2').drift).toBe(false);
    expect(body.totals.desired).toBe(8);
    // The live object really is at 4: the status reports it, it does not invent it.
    const live = await adminApps('cluster-1').readNamespacedDeployment({
      name: 'web',
      namespace,
    });
    expect(live.spec?.replicas).toBe(4);
  });

  it("names an image changed against the cluster's override", async () => {
    await editBehindOurBack('cluster-2', d => {
      d.spec.template.spec.containers[0].image = IMAGE;
    });
    const s = await waitFor(
      async () => {
        const found = statusOf(await details(), 'cluster-2');
        return found.drift ? found : undefined;
      },
      { timeoutMs: 30_000, description: 'the image change in the cache' },
    );
    expect(s.driftedFields).toEqual(['spec.template.spec.containers[0].image']);
  });

  it('reports a Deployment deleted behind our back as missing drift, out of the totals', async () => {
    await adminApps('cluster-3').deleteNamespacedDeployment({
      name: 'web',
      namespace,
    });
    const body = await waitFor(
      async () => {
        const d = await details();
        return statusOf(d, 'cluster-3').state === 'missing' ? d : undefined;
      },
      { timeoutMs: 30_000, description: 'the deletion in the cache' },
    );
    expect(statusOf(body, 'cluster-3')).toEqual(
      expect.objectContaining({
        state: 'missing',
        drift: true,
        driftedFields: ['missing'],
      }),
    );
    expect(statusOf(body, 'cluster-3').desiredReplicas).toBeUndefined();
    expect(body.totals.desired).toBe(4 + 2);
  });

  it('answers at once while a cluster hangs: no request goes to the clusters', async () => {
    const hung = cluster('cluster-2');
    hung.pause();
    try {
      const t0 = performance.now();
      const body = await details();
      const elapsed = performance.now() - t0;
      // A call to the hung cluster would wait for the request timeout (5 s).
      expect(elapsed).toBeLessThan(1_000);
      // The cache has not noticed yet (the monitor has not run): last known state, stated as present.
      expect(statusOf(body, 'cluster-2').state).toBe('present');
      expect(statusOf(body, 'cluster-1').desiredReplicas).toBe(4);
    } finally {
      hung.resume();
    }
  });
});

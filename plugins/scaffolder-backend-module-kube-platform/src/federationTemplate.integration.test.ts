import {
  isApiError,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import yaml from 'yaml';
import {
  as,
  runTemplate,
  startScaffolderBackend,
  type TaskLogLine,
  waitForEntities,
} from './__testUtils__/scaffolderBackend';

jest.setTimeout(300_000);

/*
 * The deploy-federated-app template run by the real scaffolder, as bob (team-alpha)
 * under the real policy, against the real kube-platform backend on real clusters.
 */

const clusters = useLocalClusters();
const namespace = uniqueName('fedtpl');
const ALICE = as('alice'); // platform-team: may dry-run templates
const BOB = as('bob');
const DAVE = as('dave');
const IMAGE = 'registry.example.com/web:1.0';
let server: Server;

const kube = (name: string) => clusters.find(c => c.name === name)!.kubeConfig;

async function liveDeployment(cluster: string, name: string) {
  try {
    return await kube(cluster)
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name, namespace });
  } catch (error) {
    if (isApiError(error, 404)) return undefined;
    throw error;
  }
}

/** The form as a user fills it in: clusters picked as catalog entities. */
function formValues(name: string) {
  return {
    name,
    owner: 'group:default/team-alpha',
    namespace,
    component: 'component:default/payments-api',
    image: IMAGE,
    containerPort: 8080,
    resources: {
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '100m', memory: '128Mi' },
    },
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    placementMode: 'clusters',
    clusters: ['resource:default/cluster-1', 'resource:default/cluster-2'],
    totalReplicas: 3,
    weights: [
      { cluster: 'resource:default/cluster-1', weight: 2 },
      { cluster: 'resource:default/cluster-2', weight: 1 },
    ],
    overrides: [
      {
        cluster: 'resource:default/cluster-2',
        imageTag: '2.0',
        env: [{ name: 'REGION', value: 'us-east' }],
      },
    ],
    failover: { enabled: true, cooldown: '5m' },
  };
}

function failure(task: { status: string }, log: TaskLogLine[]) {
  return new Error(
    `Task ${task.status}:\n${log
      .map(m => `[${m.step}] ${m.message}`)
      .join('\n')}`,
  );
}

beforeAll(async () => {
  server = await startScaffolderBackend(clusters);
  // The tenant request checks its owner against the catalog.
  await waitForEntities(server, BOB, [
    'template/default/deploy-federated-app',
    'group/default/team-alpha',
  ]);
  // The app's namespace: a tenant of team-alpha on both clusters.
  for (const cluster of ['cluster-1', 'cluster-2']) {
    const res = await request(server)
      .post('/api/kube-platform/tenants')
      .set(BOB)
      .send({
        name: namespace,
        owner: 'group:default/team-alpha',
        cluster,
        environment: 'development',
        costCenter: 'payments',
        contact: 'alpha@example.com',
        quota: { 'requests.cpu': '1', 'requests.memory': '4Gi', pods: '10' },
        security: { allowedRegistries: ['registry.example.com'] },
      });
    if (res.status !== 201) {
      throw new Error(
        `Tenant on ${cluster}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
  }
});

afterAll(async () => {
  await Promise.all(
    ['cluster-1', 'cluster-2'].map(c =>
      kube(c)
        .makeApiClient(CoreV1Api)
        .deleteNamespace({ name: namespace })
        .catch(() => undefined),
    ),
  );
});

describe('deploy-federated-app template through the real scaffolder', () => {
  it('deploys 2:1 over two clusters as bob, logging the plan before the objects', async () => {
    const { task, events, log } = await runTemplate(
      server,
      BOB,
      'template:default/deploy-federated-app',
      formValues('web'),
    );
    if (task.status !== 'completed') throw failure(task, log);

    const messages = log
      .filter(m => m.step === 'deploy')
      .map(m => m.message.split(' {')[0]);
    const planLine = messages.indexOf(
      'Plan: 3 replicas on 2 clusters (cluster-1: 2, cluster-2: 1)',
    );
    expect(planLine).toBeGreaterThanOrEqual(0);
    const applied = messages.filter(m =>
      /^cluster-\d: created (Deployment|Service)\/web$/.test(m),
    );
    expect(applied.sort()).toEqual([
      'cluster-1: created Deployment/web',
      'cluster-1: created Service/web',
      'cluster-2: created Deployment/web',
      'cluster-2: created Service/web',
    ]);
    const firstApplied = messages.findIndex(m => applied.includes(m));
    expect(planLine).toBeLessThan(firstApplied);

    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.output?.links).toEqual([
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    ]);
    expect(completion?.body.output?.text?.[0]?.content).toContain(
      'cluster-1: 2, cluster-2: 1',
    );

    for (const [cluster, replicas, image, env] of [
      ['cluster-1', 2, IMAGE, [{ name: 'LOG_LEVEL', value: 'info' }]],
      [
        'cluster-2',
        1,
        'registry.example.com/web:2.0',
        [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'REGION', value: 'us-east' },
        ],
      ],
    ] as const) {
      const live = await waitFor(
        async () => {
          const d = await liveDeployment(cluster, 'web');
          return d?.status?.readyReplicas === replicas ? d : undefined;
        },
        { timeoutMs: 90_000, description: `${replicas} ready on ${cluster}` },
      );
      expect(live.spec?.replicas).toBe(replicas);
      const container = live.spec?.template.spec?.containers[0];
      expect(container?.image).toBe(image);
      expect(container?.env).toEqual(env);
      expect(live.metadata?.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'kube-platform',
        'kube-platform.io/federated-app': 'web',
        'backstage.io/kubernetes-id': 'payments-api',
      });
      const service = await kube(cluster)
        .makeApiClient(CoreV1Api)
        .readNamespacedService({ name: 'web', namespace });
      expect(service.spec?.selector).toEqual({
        'kube-platform.io/federated-app': 'web',
      });
      expect(service.spec?.ports?.map(p => p.port)).toEqual([8080]);
    }

    const details = await request(server)
      .get(`/api/kube-platform/federated-apps/${namespace}/web`)
      .set(BOB);
    expect(details.body.plan.plan).toEqual({ 'cluster-1': 2, 'cluster-2': 1 });
    expect(details.body.operations[0]).toMatchObject({
      status: 'succeeded',
      actor: 'user:default/bob',
    });
  });

  it("fails dave's task (team-beta) with the backend's 403 and applies nothing", async () => {
    const { task, log } = await runTemplate(
      server,
      DAVE,
      'template:default/deploy-federated-app',
      formValues('web-denied'),
    );
    expect(task.status).toBe('failed');
    const text = log.map(m => m.message).join('\n');
    expect(text).toMatch(/403/);
    expect(text).toContain('kube-platform.federation');
    // Nothing past the plan call: no object was applied anywhere.
    expect(text).not.toMatch(/created (Deployment|Service)\//);
    for (const cluster of ['cluster-1', 'cluster-2']) {
      expect(await liveDeployment(cluster, 'web-denied')).toBeUndefined();
    }
    const stored = await request(server)
      .get(`/api/kube-platform/federated-apps/${namespace}/web-denied`)
      .set(BOB);
    expect(stored.status).toBe(404);
  });

  it.each([
    [
      'a namespace that is no tenant of the owner: 400 naming it',
      BOB,
      { ...formValues('web-nowhere'), namespace: 'not-a-tenant' },
      /400 Bad Request: .*not-a-tenant/,
      'web-nowhere',
    ],
    [
      "another owner for bob's existing app: 409",
      ALICE,
      { ...formValues('web'), owner: 'group:default/team-beta' },
      /409 Conflict: .*belongs to group:default\/team-alpha/,
      'web',
    ],
  ])(
    'fails the task on %s, changing nothing',
    async (_, user, values, message, app) => {
      const before = await Promise.all(
        ['cluster-1', 'cluster-2'].map(
          async c => (await liveDeployment(c, app))?.metadata?.resourceVersion,
        ),
      );
      const { task, log } = await runTemplate(
        server,
        user,
        'template:default/deploy-federated-app',
        values,
      );
      expect(task.status).toBe('failed');
      const text = log.map(m => m.message).join('\n');
      expect(text).toMatch(message);
      expect(text).not.toMatch(/created (Deployment|Service)\//);
      const after = await Promise.all(
        ['cluster-1', 'cluster-2'].map(
          async c => (await liveDeployment(c, app))?.metadata?.resourceVersion,
        ),
      );
      // web-nowhere never existed (both undefined: nothing created); web keeps its versions.
      expect(after).toEqual(before);
    },
  );

  it('places by cluster labels: environment=production picks cluster-1 and cluster-2, equal weights', async () => {
    const values: Record<string, unknown> = {
      ...formValues('web-labels'),
      placementMode: 'labels',
      clusterLabels: { environment: 'production' },
      totalReplicas: 2,
    };
    delete values.clusters;
    delete values.weights;
    delete values.overrides;
    const { task, log } = await runTemplate(
      server,
      BOB,
      'template:default/deploy-federated-app',
      values,
    );
    if (task.status !== 'completed') throw failure(task, log);
    expect(log.map(m => m.message.split(' {')[0])).toContain(
      'Plan: 2 replicas on 2 clusters (cluster-1: 1, cluster-2: 1)',
    );
    for (const cluster of ['cluster-1', 'cluster-2']) {
      const live = await liveDeployment(cluster, 'web-labels');
      expect(live?.spec?.replicas).toBe(1);
    }
    // cluster-3 (staging) is not selected; it has no such namespace either.
    const onCluster3 = await kube('cluster-3')
      .makeApiClient(AppsV1Api)
      .listDeploymentForAllNamespaces({
        labelSelector: 'kube-platform.io/federated-app=web-labels',
      });
    expect(onCluster3.items).toEqual([]);
  });

  it('runs the pre-flight only in a scaffolder dry-run, applying nothing', async () => {
    const template = yaml.parse(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../templates/deploy-federated-app/template.yaml',
        ),
        'utf8',
      ),
    );
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set(ALICE)
      .send({
        template,
        values: formValues('web-dry'),
        directoryContents: [],
      });
    expect(res.status).toBe(200);
    const messages: string[] = res.body.log.map(
      (l: any) =>
        stripVTControlCharacters(String(l.body.message))
          .replace(/^(info|warn|error): /, '')
          .split(' {')[0],
    );
    expect(messages).toContain(
      `Pre-flight of federated app ${namespace}/web-dry`,
    );
    expect(messages).toContain(
      'Plan: 3 replicas on 2 clusters (cluster-1: 2, cluster-2: 1)',
    );
    // Every object passed the clusters' server-side dry-run and none was applied.
    expect(messages.filter(m => m.includes('Deployment/web-dry'))).toEqual([
      'cluster-1: skipped Deployment/web-dry: dry-run: accepted by the cluster, not applied',
      'cluster-2: skipped Deployment/web-dry: dry-run: accepted by the cluster, not applied',
    ]);
    expect(messages).toContain(
      `Federated app ${namespace}/web-dry: dry-run (cluster-1: 2, cluster-2: 1)`,
    );
    expect(res.body.output.text[0].content).toContain('dry-run');
    for (const cluster of ['cluster-1', 'cluster-2']) {
      expect(await liveDeployment(cluster, 'web-dry')).toBeUndefined();
    }
    const stored = await request(server)
      .get(`/api/kube-platform/federated-apps/${namespace}/web-dry`)
      .set(BOB);
    expect(stored.status).toBe(404);
  });
});

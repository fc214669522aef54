import {
  deleteNamespaces,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  as,
  runTemplate,
  startScaffolderBackend,
  waitForEntities,
} from './__testUtils__/scaffolderBackend';

jest.setTimeout(300_000);

/*
 * The request-tenant template run by the real scaffolder against the real
 * kube-platform backend and catalog, with real local clusters behind them.
 */

const clusters = useLocalClusters();
const tenantName = uniqueName('tpl');
// A member of the owner group, not a platform admin, as the template's initiator.
const auth = as('bob');
const daveAuth = as('dave');
let server: Server;

beforeAll(async () => {
  server = await startScaffolderBackend(clusters);
});

afterAll(async () => {
  const cluster2 = clusters.find(c => c.name === 'cluster-2');
  if (cluster2) {
    await deleteNamespaces(cluster2.kubeConfig, [tenantName]);
  }
});

async function getJson(route: string) {
  const res = await request(server).get(route).set(auth);
  return res.status === 200 ? res.body : undefined;
}

describe('request-tenant template through the real scaffolder', () => {
  it('creates, verifies and catalogs a tenant on cluster-2', async () => {
    await waitForEntities(server, auth, [
      'template/default/request-tenant',
      'group/default/team-alpha',
      'resource/default/cluster-2',
    ]);

    const {
      task,
      events,
      log: messages,
    } = await runTemplate(server, auth, 'template:default/request-tenant', {
      name: tenantName,
      owner: 'group:default/team-alpha',
      cluster: 'resource:default/cluster-2',
      environment: 'development',
      costCenter: 'cc-1234',
      contact: 'alpha@example.com',
      description: 'Created by the template integration test',
      quotaPreset: 'small',
    });
    if (task.status !== 'completed') {
      throw new Error(
        `Task ${task.status}:\n${messages
          .map(m => `[${m.step}] ${m.message}`)
          .join('\n')}`,
      );
    }

    const applied = messages
      .filter(m => m.step === 'create' && /^created \w+\//.test(m.message))
      .map(m => m.message.split(' ')[1]);
    // One line per object, in the order the backend applied them.
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied[0]).toBe(`Namespace/${tenantName}`);
    const appliedKinds = applied.map(object => object.split('/')[0]);
    for (const kind of [
      'ResourceQuota',
      'LimitRange',
      'NetworkPolicy',
      'RoleBinding',
    ]) {
      expect(appliedKinds).toContain(kind);
    }
    expect(appliedKinds.indexOf('RoleBinding')).toBeGreaterThan(
      appliedKinds.indexOf('ResourceQuota'),
    );
    const completion = events.find(e => e.type === 'completion');
    expect(completion?.body.output?.links).toEqual([
      expect.objectContaining({
        entityRef: `resource:default/cluster-2-${tenantName}`,
      }),
    ]);
    const checks = messages.filter(
      m => m.step === 'verify' && /^(PASS|FAIL) /.test(m.message),
    );
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every(m => m.message.startsWith('PASS '))).toBe(true);

    const cluster2 = clusters.find(c => c.name === 'cluster-2')!;
    const core = cluster2.kubeConfig.makeApiClient(CoreV1Api);
    const namespace = await core.readNamespace({ name: tenantName });
    expect(namespace.metadata?.name).toBe(tenantName);
    const quotas = await core.listNamespacedResourceQuota({
      namespace: tenantName,
    });
    expect(quotas.items).toHaveLength(1);
    expect(quotas.items[0].spec?.hard).toMatchObject({
      'requests.cpu': '4',
      pods: '50',
    });

    const entity = await waitFor(
      () =>
        getJson(
          `/api/catalog/entities/by-name/resource/default/cluster-2-${tenantName}`,
        ),
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'tenant entity in the catalog',
      },
    );
    expect(entity.metadata).toMatchObject({
      title: `${tenantName} on cluster-2`,
      labels: { environment: 'development', 'cost-center': 'cc-1234' },
      annotations: {
        'kube-platform.io/tenant': `cluster-2/${tenantName}`,
        'backstage.io/kubernetes-namespace': tenantName,
      },
    });
    expect(entity.spec).toMatchObject({
      type: 'kubernetes-namespace',
      owner: 'group:default/team-alpha',
      dependsOn: ['resource:default/cluster-2'],
    });

    const usage = await waitFor(
      async () => {
        const body = await getJson(
          '/api/kube-platform/entities/group/default/team-alpha/quota',
        );
        const ns = body?.namespaces.find(
          (n: any) => n.cluster === 'cluster-2' && n.namespace === tenantName,
        );
        return ns && ns.resources?.length > 0 && ns;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'quota of team-alpha to list the tenant',
      },
    );
    expect(usage.resources.length).toBeGreaterThan(0);
  });

  it("fails a task of someone outside the owner group with the backend's 403, creating nothing", async () => {
    const name = uniqueName('tpl-denied');
    const { task, log: lines } = await runTemplate(
      server,
      daveAuth,
      'template:default/request-tenant',
      {
        name,
        owner: 'group:default/team-alpha',
        cluster: 'resource:default/cluster-2',
        environment: 'development',
        costCenter: 'cc-1234',
        contact: 'beta@example.com',
        quotaPreset: 'small',
      },
    );
    expect(task.status).toBe('failed');
    const log = lines.map(l => l.message).join('\n');
    expect(log).toContain('kube-platform.tenant.create');
    const core = clusters
      .find(c => c.name === 'cluster-2')!
      .kubeConfig.makeApiClient(CoreV1Api);
    const ns = await core.readNamespace({ name }).catch(e => e);
    expect(ns.code).toBe(404);
  });
});

import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import catalogModuleKubePlatform from '@kube-platform/plugin-catalog-backend-module-kube-platform';
import kubePlatformPlugin from '@kube-platform/plugin-kube-platform-backend';
import {
  deleteNamespaces,
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Server } from 'node:http';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import request from 'supertest';
import {
  membershipUserInfoFactory,
  realPolicyPermissionsFactory,
} from '@kube-platform/plugin-permission-backend-module-kube-platform/testUtils';
import scaffolderModuleKubePlatform from './index';

jest.setTimeout(300_000);

/*
 * The request-tenant template run by the real scaffolder against the real
 * kube-platform backend and catalog, with real local clusters behind them.
 */

const clusters = useLocalClusters();
const repoRoot = path.resolve(__dirname, '../../..');
const tenantName = uniqueName('tpl');
// A member of the owner group, not a platform admin, as the template's initiator.
const auth = {
  authorization: mockCredentials.user.header('user:default/bob'),
};
const daveAuth = {
  authorization: mockCredentials.user.header('user:default/dave'),
};
let server: Server;

// One events service for every plugin, so the catalog hears the backend's tenant events.
const sharedEvents = mockServices.events();
const eventsFactory = createServiceFactory({
  service: eventsServiceRef,
  deps: {},
  factory: async () => sharedEvents,
});

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleTemplateKind,
      catalogModuleKubePlatform,
      scaffolderPlugin,
      scaffolderModuleKubePlatform,
      kubePlatformPlugin,
      eventsFactory,
      // The real deny-by-default policy: bob is a member of team-alpha, not an admin.
      realPolicyPermissionsFactory(),
      membershipUserInfoFactory(),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Template',
                  'Group',
                  'User',
                  'Domain',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: path.join(repoRoot, 'examples/org.yaml'),
              },
              {
                type: 'file',
                target: path.join(repoRoot, 'templates/all.yaml'),
              },
            ],
            providers: {
              // Runs once at start-up in the test scheduler; tenants arrive through events.
              kubePlatform: {
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                },
              },
            },
          },
          kubePlatform: {
            clusters: kubePlatformClustersConfig(clusters),
          },
        },
      }),
    ],
  });
  server = backend.server;
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
    await waitFor(
      async () =>
        Boolean(
          await getJson(
            '/api/catalog/entities/by-name/template/default/request-tenant',
          ),
        ) &&
        Boolean(
          await getJson(
            '/api/catalog/entities/by-name/group/default/team-alpha',
          ),
        ) &&
        Boolean(
          await getJson(
            '/api/catalog/entities/by-name/resource/default/cluster-2',
          ),
        ),
      {
        timeoutMs: 90_000,
        intervalMs: 500,
        description: 'template, groups and clusters in the catalog',
      },
    );

    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({
        templateRef: 'template:default/request-tenant',
        values: {
          name: tenantName,
          owner: 'group:default/team-alpha',
          cluster: 'resource:default/cluster-2',
          environment: 'development',
          costCenter: 'cc-1234',
          contact: 'alpha@example.com',
          description: 'Created by the template integration test',
          quotaPreset: 'small',
        },
      });
    expect(created.status).toBe(201);
    const taskId: string = created.body.id;

    const task = await waitFor(
      async () => {
        const body = await getJson(`/api/scaffolder/v2/tasks/${taskId}`);
        return (
          body &&
          ['completed', 'failed', 'cancelled'].includes(body.status) &&
          body
        );
      },
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        description: 'scaffolder task to finish',
      },
    );
    const events: any[] =
      (await getJson(`/api/scaffolder/v2/tasks/${taskId}/events`)) ?? [];
    const messages = events
      .filter(e => e.type === 'log')
      .map(e => ({
        step: e.body.stepId,
        // Task log lines carry the level, coloured: `info: created Namespace/x {...}`.
        message: stripVTControlCharacters(String(e.body.message)).replace(
          /^(info|warn|error): /,
          '',
        ),
      }));
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
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set(daveAuth)
      .send({
        templateRef: 'template:default/request-tenant',
        values: {
          name,
          owner: 'group:default/team-alpha',
          cluster: 'resource:default/cluster-2',
          environment: 'development',
          costCenter: 'cc-1234',
          contact: 'beta@example.com',
          quotaPreset: 'small',
        },
      });
    expect(created.status).toBe(201);
    const task = await waitFor(
      async () => {
        const res = await request(server)
          .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
          .set(daveAuth);
        return ['completed', 'failed'].includes(res.body?.status) && res.body;
      },
      { timeoutMs: 120_000, intervalMs: 500, description: 'the task to end' },
    );
    expect(task.status).toBe('failed');
    const events = (
      await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set(daveAuth)
    ).body as any[];
    const log = events
      .filter(e => e.type === 'log')
      .map(e => stripVTControlCharacters(String(e.body.message)))
      .join('\n');
    expect(log).toContain('kube-platform.tenant.create');
    const core = clusters
      .find(c => c.name === 'cluster-2')!
      .kubeConfig.makeApiClient(CoreV1Api);
    const ns = await core.readNamespace({ name }).catch(e => e);
    expect(ns.code).toBe(404);
  });
});

import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  isApiError,
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import { usePrefixedPostgres } from './__testUtils__/prefixedPostgres';

jest.setTimeout(600_000);

/*
 * Two backend replicas on one PostgreSQL, as a production deployment runs them:
 * concurrent identical tenant requests split across two real backend processes
 * provision the tenant once, and a global scheduled task runs once per interval
 * across two schedulers. Every database of this file carries a random
 * `backend.database.prefix`, so it never meets another test's data.
 */

const { url: postgresUrl, prefix } = usePrefixedPostgres('replicas');
const database = { client: 'pg', connection: postgresUrl, prefix };

const clusters = useLocalClusters();
let workdir = '';

beforeAll(() => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-replicas-'));
});

afterAll(() => fs.rmSync(workdir, { recursive: true, force: true }));

/** How long DatabaseKeyedLock waits for a tenant by default, as plugin.ts wires it. */
const LOCK_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  ServiceAccount: 'v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  ValidatingAdmissionPolicy: 'admissionregistration.k8s.io/v1',
  ValidatingAdmissionPolicyBinding: 'admissionregistration.k8s.io/v1',
};

type TenantObject = { kind: string; name: string; namespace?: string };

/** Per kind and namespace, the names of live objects carrying the tenant's label. */
async function liveTenantObjects(tenant: string, expected: TenantObject[]) {
  const objects = KubernetesObjectApi.makeApiClient(clusters[0].kubeConfig);
  const live: Record<string, string[]> = {};
  const groups = new Set(expected.map(o => `${o.kind}|${o.namespace ?? ''}`));
  for (const group of groups) {
    const [kind, namespace] = group.split('|');
    const list = await objects.list(
      API_VERSIONS[kind],
      kind,
      namespace || undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      `kube-platform.io/tenant=${tenant}`,
    );
    live[group] = list.items.map(i => i.metadata!.name!).sort();
  }
  return live;
}

function byGroup(objects: TenantObject[]) {
  const grouped: Record<string, string[]> = {};
  for (const o of objects) {
    (grouped[`${o.kind}|${o.namespace ?? ''}`] ??= []).push(o.name);
  }
  for (const names of Object.values(grouped)) names.sort();
  return grouped;
}

if (!postgresUrl) {
  describe('two backend replicas', () => {
    it('needs PostgreSQL (scripts/test always provides it)', () => {
      expect(process.env.KUBE_PLATFORM_REQUIRE_POSTGRES).toBeUndefined();
    });
  });
} else {
  describe('two backend processes on one PostgreSQL', () => {
    const tenant = uniqueName('replicas');
    const replicas: BackendProcess[] = [];

    beforeAll(async () => {
      // One after the other: both run the same migrations on start-up.
      for (let i = 0; i < 2; i++) {
        replicas.push(
          await startBackendProcess({
            workdir,
            config: {
              backend: { database },
              auth: {
                providers: { guest: { userEntityRef: 'user:default/alice' } },
              },
              kubePlatform: {
                clusters: kubePlatformClustersConfig(clusters),
                health: { frequency: { seconds: 1 } },
              },
            },
          }),
        );
      }
    }, 600_000);

    afterAll(async () => {
      await Promise.all(replicas.map(r => r.stop()));
      const core = clusters[0].kubeConfig.makeApiClient(CoreV1Api);
      await core.deleteNamespace({ name: tenant }).catch(error => {
        if (!isApiError(error, 404)) throw error;
      });
      for (const level of ['admin', 'developer', 'viewer']) {
        await core
          .deleteNamespacedServiceAccount({
            name: `${tenant}-${level}`,
            namespace: 'kube-platform-system',
          })
          .catch(() => undefined);
      }
    });

    it('provisions a tenant once for 20 concurrent identical requests split across both', async () => {
      const tokens = await Promise.all(replicas.map(r => r.token()));
      const body = JSON.stringify({
        name: tenant,
        owner: 'group:default/team-alpha',
        cluster: 'cluster-1',
        environment: 'development',
        costCenter: 'replicas',
        contact: 'alpha@example.com',
      });
      const responses = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const asked = Date.now();
          const res = await replicas[i % 2].api('/api/kube-platform/tenants', {
            method: 'POST',
            body,
            token: tokens[i % 2],
          });
          return { ...res, replica: i % 2, ms: Date.now() - asked };
        }),
      );
      // A request either finds the tenant's lock within the lock's wait bound and
      // runs (one creates, the rest find it done), or gives up with 409 after it.
      const gaveUp = new RegExp(
        `^Another request holds the tenant 'cluster-1/${tenant}'; gave up waiting`,
      );
      const outcome = (r: (typeof responses)[number]) => {
        if (
          r.status === 409 &&
          gaveUp.test(r.body?.error?.message) &&
          r.ms >= LOCK_WAIT_MS
        ) {
          return '409 gave up after the wait bound';
        }
        return `${r.status} ${
          r.body?.result ?? r.body?.error?.message ?? r.text
        }`;
      };
      const outcomes = countBy(responses, outcome);
      const ranAfterCreate = outcomes['200 unchanged'] ?? 0;
      expect(outcomes).toEqual({
        '201 created': 1,
        ...(ranAfterCreate ? { '200 unchanged': ranAfterCreate } : {}),
        ...(ranAfterCreate < 19
          ? { '409 gave up after the wait bound': 19 - ranAfterCreate }
          : {}),
      });

      const history = await replicas[0].api(
        `/api/kube-platform/tenants/cluster-1/${tenant}/operations`,
        { token: tokens[0] },
      );
      expect(
        countBy(history.body.items as any[], o => `${o.action} ${o.status}`),
      ).toEqual({
        'create succeeded': 1,
        ...(ranAfterCreate ? { 'update no-op': ranAfterCreate } : {}),
      });

      const created = responses.find(r => r.status === 201)!.body
        .objects as TenantObject[];
      expect(created.filter(o => !API_VERSIONS[o.kind])).toEqual([]);
      expect(await liveTenantObjects(tenant, created)).toEqual(
        byGroup(created),
      );

      const removed = await replicas[1].api(
        `/api/kube-platform/tenants/cluster-1/${tenant}`,
        {
          method: 'DELETE',
          token: tokens[1],
        },
      );
      expect(removed.status).toBe(200);
    });
  });

  describe('a global scheduled task across two schedulers on one PostgreSQL', () => {
    it('runs once per interval, while a local task runs on each', async () => {
      type Run = { replica: string; scope: string; start: number; end: number };
      const runs: Run[] = [];
      const record = (replica: string, scope: string) => async () => {
        const start = Date.now();
        await sleep(300);
        runs.push({ replica, scope, start, end: Date.now() });
      };
      const probe = (replica: string) =>
        createBackendPlugin({
          pluginId: 'replicas-probe',
          register(env) {
            env.registerInit({
              deps: {
                scheduler: coreServices.scheduler,
                database: coreServices.database,
                lifecycle: coreServices.lifecycle,
              },
              async init({ scheduler, database: db, lifecycle }) {
                // The database service's own shutdown leaves PostgreSQL pools open
                // (backend-defaults 0.19), which would keep Jest's worker alive.
                const knex = await db.getClient();
                lifecycle.addShutdownHook(() => knex.destroy());
                for (const scope of ['global', 'local'] as const) {
                  await scheduler.scheduleTask({
                    id: `replicas-${scope}`,
                    scope,
                    frequency: { seconds: 2 },
                    timeout: { seconds: 30 },
                    fn: record(replica, scope),
                  });
                }
              },
            });
          },
        });
      // One after the other: replicas that start at once on a fresh database race
      // on creating knex's migration tables (knex/knex#3457).
      const backends = [];
      for (const replica of ['a', 'b']) {
        backends.push(
          await startTestBackend({
            features: [
              probe(replica),
              databaseServiceFactory,
              schedulerServiceFactory,
              mockServices.rootConfig.factory({
                data: { backend: { database } },
              }),
            ],
          }),
        );
      }
      const from = Date.now();
      const window = 12_000;
      await sleep(window);
      await Promise.all(backends.map(b => b.stop()));

      const inWindow = runs.filter(
        r => r.start >= from && r.start < from + window,
      );
      const global = runs
        .filter(r => r.scope === 'global')
        .sort((x, y) => x.start - y.start);
      // Never two global runs at once, one per 2 s interval across both replicas;
      // the local task runs on each replica every interval.
      for (const [i, run] of global.slice(1).entries()) {
        expect(run.start).toBeGreaterThanOrEqual(global[i].end);
      }
      const perInterval = window / 2_000;
      const counts = countBy(
        inWindow,
        r => `${r.scope} ${r.scope === 'local' ? r.replica : 'any'}`,
      );
      expect(counts['global any']).toBeGreaterThanOrEqual(perInterval - 2);
      expect(counts['global any']).toBeLessThanOrEqual(perInterval + 1);
      expect(counts['local a']).toBeGreaterThanOrEqual(perInterval - 2);
      expect(counts['local b']).toBeGreaterThanOrEqual(perInterval - 2);
    });
  });
}

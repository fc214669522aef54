// GET /entities/group/.../quota for a group whose tenants are spread over 3 clusters
// that hold 2 000 tenant namespaces each (each with a ResourceQuota), served two ways
// in the same run against the same real local clusters:
//   cached  - the route's own code: the entity's namespaces, hard/used from the watch caches
//   fan-out - the same answer computed per request by listing the quotas of every
//             cluster the entity has namespaces on
// Prints mean and p95 of each, the ratio, and the heap the watch caches hold.
//
//   source scripts/bootstrap
//   node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
//     bench/entity-quota.ts [--namespaces 2000] [--owned 60] [--requests 40]
//
// Uses $KUBE_PLATFORM_TEST_CLUSTERS (a `scripts/clusters` dir) when set, else starts
// three clusters of its own. Seeding is idempotent (namespaces labelled
// kube-platform.io/bench=entity-quota); they are deleted afterwards unless --keep
// (they promise 8 000 CPU per cluster, which would trip overcommit limits of tests).
import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import {
  computeQuotaUsage,
  resolveTenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import {
  createClusterCacheService,
  createClusterRegistry,
  trimResourceQuota,
  type ClusterConnection,
} from '@kube-platform/plugin-kube-platform-node';
import {
  getLocalClusterSet,
  releaseLocalClusters,
  type LocalCluster,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import { performance } from 'node:perf_hooks';
import type { StoredTenant } from '../plugins/kube-platform-backend/src/database/TenantStore';
import {
  entityQuotaUsage,
  namespacesOfEntity,
} from '../plugins/kube-platform-backend/src/service/entityQuota';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const perCluster = flag('--namespaces', 2000);
const owned = flag('--owned', 60);
const requests = flag('--requests', 40);
const GROUP = 'group:default/bench-team';
const nsName = (i: number) => `bench-q-${String(i).padStart(5, '0')}`;

/** Creates the missing bench namespaces (each a tenant with a ResourceQuota), 32 at a time. */
async function seed(cluster: LocalCluster) {
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const existing = new Set(
    (
      await core.listNamespace({
        labelSelector: 'kube-platform.io/bench=entity-quota',
      })
    ).items.map(n => n.metadata!.name),
  );
  const missing = Array.from({ length: perCluster }, (_, i) =>
    nsName(i),
  ).filter(n => !existing.has(n));
  for (let i = 0; i < missing.length; i += 32) {
    await Promise.all(
      missing.slice(i, i + 32).map(async name => {
        await core.createNamespace({
          body: {
            metadata: {
              name,
              labels: {
                'app.kubernetes.io/managed-by': 'kube-platform',
                'kube-platform.io/tenant': name,
                'kube-platform.io/bench': 'entity-quota',
              },
            },
          },
        });
        await core.createNamespacedResourceQuota({
          namespace: name,
          body: {
            metadata: { name: 'tenant-quota' },
            spec: { hard: { 'requests.cpu': '4', pods: '50' } },
          },
        });
      }),
    );
  }
  return missing.length;
}

/** Asks each cluster to delete the bench namespaces; the namespace controller finishes in the background. */
async function removeBenchNamespaces(cluster: LocalCluster) {
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  const names = (
    await core.listNamespace({
      labelSelector: 'kube-platform.io/bench=entity-quota',
    })
  ).items.map(n => n.metadata!.name!);
  for (let i = 0; i < names.length; i += 64) {
    await Promise.all(
      names
        .slice(i, i + 64)
        .map(name => core.deleteNamespace({ name }).catch(() => undefined)),
    );
  }
}

function tenantsOf(clusters: LocalCluster[]): StoredTenant[] {
  return clusters.flatMap(c =>
    Array.from({ length: perCluster }, (_, i) => {
      const owner =
        i < owned / clusters.length ? GROUP : 'group:default/someone-else';
      const spec = resolveTenantSpec(
        {
          name: nsName(i),
          owner,
          cluster: c.name,
          environment: 'development',
          costCenter: 'bench',
          contact: 'bench',
        },
        {},
      );
      const now = new Date().toISOString();
      return {
        cluster: c.name,
        name: spec.name,
        namespace: spec.namespace,
        owner,
        environment: spec.environment,
        costCenter: 'bench',
        spec,
        createdBy: 'bench',
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
}

function stats(times: number[]) {
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    mean,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
  };
}

async function measure(run: () => Promise<number>) {
  const times: number[] = [];
  for (let i = 0; i < requests + 3; i++) {
    const t0 = performance.now();
    const count = await run();
    if (count !== owned)
      throw new Error(`expected ${owned} namespaces, got ${count}`);
    if (i >= 3) times.push(performance.now() - t0);
  }
  return stats(times);
}

function heapMiB() {
  (global as any).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function main() {
  const set = await getLocalClusterSet();
  const seeded = await Promise.all(set.clusters.map(seed));
  const connections: ClusterConnection[] = set.clusters.map(c => ({
    name: c.name,
    url: c.server,
    caData: c.caData,
    skipTLSVerify: false,
    token: c.platformToken,
    labels: c.labels,
    host: false,
  }));
  const clusterRegistry = createClusterRegistry(connections);
  const tenants = tenantsOf(set.clusters);
  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'bench-team', namespace: 'default' },
    spec: {},
  };

  const before = heapMiB();
  const clusterCache = createClusterCacheService({
    clusterRegistry,
    logger: mockServices.rootLogger({ level: 'error' }),
  });
  await clusterCache.start();
  const cachedHeap = heapMiB() - before;

  const cached = await measure(
    async () =>
      entityQuotaUsage(namespacesOfEntity(group, tenants), {
        clusterRegistry,
        clusterCache,
        tenants,
      }).length,
  );
  // The baseline: the group's namespaces, their quotas listed from every cluster per request.
  const fanOut = await measure(async () => {
    const placements = namespacesOfEntity(group, tenants);
    const perClusterQuotas = await Promise.all(
      set.clusters.map(async c => ({
        cluster: c.name,
        quotas: (
          await clusterRegistry
            .getKubeConfig(c.name)
            .makeApiClient(CoreV1Api)
            .listResourceQuotaForAllNamespaces()
        ).items.map(trimResourceQuota),
      })),
    );
    return placements.map(p => {
      const quotas = perClusterQuotas
        .find(q => q.cluster === p.cluster)!
        .quotas.filter(q => q.namespace === p.namespace);
      return computeQuotaUsage(quotas);
    }).length;
  });
  clusterCache.stop();
  if (!process.argv.includes('--keep')) {
    await Promise.all(set.clusters.map(c => removeBenchNamespaces(c)));
  }

  const total = perCluster * set.clusters.length;
  const fmt = (n: number) => `${n.toFixed(2)} ms`;
  process.stdout.write(
    [
      `GET /entities/group/default/bench-team/quota: ${owned} owned tenants among ${total} tenant namespaces on ${
        set.clusters.length
      } clusters (${seeded.reduce(
        (a, b) => a + b,
        0,
      )} seeded this run), ${requests} requests each`,
      `  fan-out per request: mean ${fmt(fanOut.mean)}  p95 ${fmt(fanOut.p95)}`,
      `  cached (ours):       mean ${fmt(cached.mean)}  p95 ${fmt(cached.p95)}`,
      `  ratio fan-out / cached (p95): ${(fanOut.p95 / cached.p95).toFixed(
        1,
      )}x`,
      `  watch caches (namespaces, quotas, nodes of ${total} tenants): ${cachedHeap.toFixed(
        1,
      )} MiB heap, ${((cachedHeap * 1024) / (total / 1000)).toFixed(
        0,
      )} KiB per 1 000 tenant namespaces${
        (global as any).gc
          ? ''
          : ' (run with --expose-gc for a steadier number)'
      }`,
      '',
    ].join('\n'),
  );
  await releaseLocalClusters();
}

main().catch(async error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  await releaseLocalClusters();
  process.exit(1);
});

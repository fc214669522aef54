// Shared set-up of the federation benchmarks (federation-deploy.ts, federation-status.ts):
// the kube-platform backend's own services (stores on an in-memory SQLite, the
// provisioning engine, FederationService, the watch caches with the managed-Deployment
// kind, the health monitor) wired to real local clusters through the platform's
// least-privilege identity, as the plugin wires them, without an HTTP server.
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  type FederatedApp,
  federatedAppSchema,
  resolveTenantSpec,
  tenantRequestSchema,
} from '@kube-platform/plugin-kube-platform-common';
import {
  ClusterHealthMonitor,
  createClusterCacheService,
  createClusterRegistry,
  createWatchedKindRegistry,
  type ClusterConnection,
} from '@kube-platform/plugin-kube-platform-node';
import type { LocalCluster } from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import Knex from 'knex';
import { federatedDeploymentKind } from '../plugins/kube-platform-backend/src/federation/federatedDeploymentKind';
import { createKubePlatformServices } from '../plugins/kube-platform-backend/src/wiring/createKubePlatformServices';
import { flag, percentile } from './benchArgs';

export const BENCH_OWNER = 'group:default/bench-team';
export const BENCH_ACTOR = 'user:default/bench';

export { flag };

export function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: sorted[Math.floor(sorted.length / 2)],
    p95: percentile(sorted, 0.95),
  };
}

/** The plugin's services over `clusters`, reached as the platform identity. */
export async function startFederationBench(clusters: LocalCluster[]) {
  const connections: ClusterConnection[] = clusters.map(c => ({
    name: c.name,
    url: c.server,
    caData: c.caData,
    skipTLSVerify: false,
    token: c.platformToken,
    labels: c.labels,
    host: false,
  }));
  const logger = mockServices.rootLogger({ level: 'error' });
  const clusterRegistry = createClusterRegistry(connections);
  const watchedKinds = createWatchedKindRegistry();
  watchedKinds.addKind(federatedDeploymentKind);
  const clusterCache = createClusterCacheService({
    clusterRegistry,
    logger,
    watchedKinds,
  });
  const clusterHealth = new ClusterHealthMonitor({ clusterRegistry, logger });
  await Promise.all([clusterCache.start(), clusterHealth.probeAll()]);
  const knex = Knex({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const database = {
    getClient: async () => knex,
    migrations: { skip: false },
  } as unknown as DatabaseService;
  const services = await createKubePlatformServices({
    config: new ConfigReader({
      kubePlatform: { requestTimeout: { seconds: 30 } },
    }),
    logger,
    database,
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
    events: { publish: async () => {}, subscribe: async () => {} } as any,
    clusterRegistry,
    clusterCache,
    clusterHealth,
  });
  return {
    services,
    clusterRegistry,
    clusterCache,
    async stop() {
      clusterCache.stop();
      await knex.destroy();
    },
  };
}

/** Provisions `namespace` as a tenant of the bench team on every cluster (idempotent). */
export async function provisionBenchTenants(
  bench: Awaited<ReturnType<typeof startFederationBench>>,
  clusters: LocalCluster[],
  namespace: string,
): Promise<void> {
  for (const c of clusters) {
    const request = tenantRequestSchema.parse({
      name: namespace,
      owner: BENCH_OWNER,
      cluster: c.name,
      environment: 'development',
      costCenter: 'bench',
      contact: 'bench@example.com',
      quotaPreset: 'medium',
      security: { allowedRegistries: ['registry.example.com'] },
    });
    await bench.services.provisioner.provision(
      resolveTenantSpec(request),
      BENCH_ACTOR,
    );
  }
}

/** A one-container app of `replicas` per cluster (no replicaScheduling) on `clusters`. */
export function benchApp(
  namespace: string,
  name: string,
  clusters: string[],
  image = 'registry.example.com/web:1.0',
): FederatedApp {
  return federatedAppSchema.parse({
    name,
    namespace,
    owner: BENCH_OWNER,
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          replicas: 1,
          template: {
            spec: {
              containers: [
                {
                  name: 'web',
                  image,
                  resources: {
                    requests: { cpu: '10m', memory: '16Mi' },
                    limits: { cpu: '20m', memory: '32Mi' },
                  },
                },
              ],
            },
          },
        },
      },
    },
    placement: { clusters: clusters.map(c => ({ name: c })) },
  });
}

/** Deletes the bench namespace on every cluster, as admin; the namespace controller finishes in the background. */
export async function removeBenchNamespace(
  clusters: LocalCluster[],
  namespace: string,
): Promise<void> {
  await Promise.all(
    clusters.map(c =>
      c.kubeConfig
        .makeApiClient(CoreV1Api)
        .deleteNamespace({ name: namespace })
        .catch(() => undefined),
    ),
  );
}

import type {
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  type ClusterHealthMonitor,
  readHealthSettings,
} from '@kube-platform/plugin-kube-platform-node';
import { reconcileFederatedApps } from '../federation/reconcileFederatedApps';
import { readDriftScanFrequency } from '../tenants/readDriftScanFrequency';
import { scanTenantDrift } from '../tenants/scanTenantDrift';
import type { KubePlatformServices } from './createKubePlatformServices';

/**
 * The plugin's scheduled tasks: health probes (every instance), the tenant
 * drift scan and the federated-app reconcile (one instance each).
 */
export async function scheduleKubePlatformTasks(
  deps: {
    config: RootConfigService;
    logger: LoggerService;
    scheduler: SchedulerService;
    clusterHealth: ClusterHealthMonitor;
  },
  services: KubePlatformServices,
) {
  const { config, scheduler, clusterHealth } = deps;
  const health = readHealthSettings(config);
  // Local scope: every backend instance probes and keeps its own view.
  await scheduler.scheduleTask({
    id: 'kube-platform-cluster-health',
    scope: 'local',
    frequency: { milliseconds: health.frequencyMs },
    timeout: { milliseconds: health.timeoutMs * 4 },
    fn: () => clusterHealth.probeAll(),
  });
  // Global scope: one backend instance scans each interval, whatever the replica count.
  await scheduler.scheduleTask({
    id: 'kube-platform-tenant-drift-scan',
    scope: 'global',
    frequency: readDriftScanFrequency(config),
    timeout: { minutes: 5 },
    fn: () =>
      scanTenantDrift({
        ...services,
        clusterHealth,
        logger: deps.logger.child({ task: 'kube-platform-tenant-drift-scan' }),
      }),
  }); // Global scope, each health period: failover, failback and drift repair of federated apps.
  await scheduler.scheduleTask({
    id: 'kube-platform-federated-app-reconcile',
    scope: 'global',
    frequency: { milliseconds: health.frequencyMs },
    timeout: { minutes: 5 },
    fn: () =>
      reconcileFederatedApps({
        federation: services.federation,
        healthOf: cluster => clusterHealth.getHealth(cluster),
        logger: deps.logger.child({
          task: 'kube-platform-federated-app-reconcile',
        }),
      }),
  });
}

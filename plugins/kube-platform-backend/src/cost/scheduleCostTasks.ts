import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type { CostServices } from './createCostServices';
import { sampleAllClusterCosts } from './sampleClusterCosts';

/** Id of the cost sampler task. */
export const COST_SAMPLE_TASK_ID = 'kube-platform-cost-sample';

/**
 * The cost sampler: global scope, so one backend instance samples each
 * period; the fixed grid and the samples' unique key make a second run of an
 * interval (another replica, a restart) add nothing.
 */
export async function scheduleCostTasks(
  deps: {
    logger: LoggerService;
    scheduler: SchedulerService;
    clusterRegistry: ClusterRegistry;
    clusterCache: ClusterCacheService;
    clusterHealth: ClusterHealthMonitor;
  },
  cost: CostServices,
): Promise<void> {
  const frequencyMs = cost.costSettings.sampleFrequencyMs;
  await deps.scheduler.scheduleTask({
    id: COST_SAMPLE_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: frequencyMs },
    timeout: { milliseconds: Math.max(frequencyMs * 5, 60_000) },
    fn: async () => {
      await sampleAllClusterCosts({
        store: cost.costStore,
        settings: cost.costSettings,
        clusterRegistry: deps.clusterRegistry,
        clusterCache: deps.clusterCache,
        clusterHealth: deps.clusterHealth,
        logger: deps.logger.child({ task: COST_SAMPLE_TASK_ID }),
      });
    },
  });
}

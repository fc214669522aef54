import type {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type { TenantStore } from '../database/TenantStore';
import { evaluateBudgets } from './budgetEvaluation';
import { BudgetNotificationStore } from './budgetNotificationStore';
import type { CostServices } from './createCostServices';
import { sampleAllClusterCosts } from './sampleClusterCosts';

/** Id of the cost sampler task. */
export const COST_SAMPLE_TASK_ID = 'kube-platform-cost-sample';

/** Id of the budget task: evaluates budgets and notifies owners. */
export const COST_BUDGET_TASK_ID = 'kube-platform-cost-budgets';

/** What the budget task needs besides the cost services. */
export interface BudgetTaskDeps {
  auth: AuthService;
  catalog: CatalogService;
  tenants: Pick<TenantStore, 'list'>;
  notifications: NotificationService;
  database: DatabaseService;
}

/**
 * The cost sampler and the budget task: global scope, so one backend instance
 * runs each per period. The sampler's fixed grid and the samples' unique key
 * make a second run of an interval (another replica, a restart) add nothing;
 * the budget task records each level it notifies before sending, so none is
 * sent twice in a month.
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
  budgets?: BudgetTaskDeps,
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
  if (budgets) await scheduleBudgetTask(deps, cost, budgets);
}

async function scheduleBudgetTask(
  deps: Parameters<typeof scheduleCostTasks>[0],
  cost: CostServices,
  budgets: BudgetTaskDeps,
): Promise<void> {
  const notificationStore = await BudgetNotificationStore.create({
    database: budgets.database,
  });
  const logger = deps.logger.child({ task: COST_BUDGET_TASK_ID });
  // As often as costs are sampled: a level is noticed one sample after it rises.
  const frequencyMs = cost.costSettings.sampleFrequencyMs;
  await deps.scheduler.scheduleTask({
    id: COST_BUDGET_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: frequencyMs },
    timeout: { milliseconds: Math.max(frequencyMs * 5, 60_000) },
    fn: async () => {
      await evaluateBudgets({
        ...budgets,
        clusterRegistry: deps.clusterRegistry,
        cost,
        notificationStore,
        logger,
      });
    },
  });
}

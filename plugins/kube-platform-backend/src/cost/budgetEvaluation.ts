import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  attributeEntityCost,
  type CostBucketRow,
  type CostCatalog,
  MONTHLY_BUDGET_ANNOTATION,
  tenantEntityRef,
  utcMonthKey,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import { type BudgetStanding, budgetAlertFor } from './budgetAlert';
import type { BudgetNotificationStore } from './budgetNotificationStore';
import { owningGroupOf } from './costRouteContext';
import type { CostServices } from './createCostServices';
import { entityBudget } from './entityBudget';
import { entityCostNamespaces } from './entityCostNamespaces';
import { historyCurrency } from './historyCurrency';
import { loadCostCatalog } from './loadCostCatalog';
import { notifyBudgetAlert } from './notifyBudgetAlert';

/** What budget evaluation reads and where it sends. */
export interface BudgetEvaluationDeps {
  auth: AuthService;
  catalog: CatalogService;
  tenants: Pick<TenantStore, 'list'>;
  clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
  cost: CostServices;
  notificationStore: BudgetNotificationStore;
  notifications: NotificationService;
  logger: LoggerService;
}

/** What one evaluation did. */
export interface BudgetEvaluationResult {
  /** Entities with a budget in the costs' currency. */
  evaluated: number;
  /** Entity refs a notification was sent for, with the level. */
  sent: { entityRef: string; level: string }[];
}

async function standingOf(
  deps: BudgetEvaluationDeps,
  entity: Entity,
  catalog: CostCatalog,
  now: number,
): Promise<BudgetStanding | undefined> {
  const entityRef = stringifyEntityRef(entity);
  const attribute = (rows: CostBucketRow[]) =>
    attributeEntityCost(entityRef, catalog, rows, { includeChildren: false })
      .items;
  const budget = await entityBudget({
    entity,
    currency: historyCurrency({
      clusterRegistry: deps.clusterRegistry,
      costSettings: deps.cost.costSettings,
    }),
    store: deps.cost.costStore,
    attribute,
    now,
    namespaces: entityCostNamespaces(entityRef, catalog, false),
  });
  if (!budget) return undefined;
  return {
    entityRef,
    owner: owningGroupOf(entity),
    monthly: budget.monthly,
    currency: budget.currency,
    monthToDate: budget.monthToDate,
    projected: budget.projected,
    level: budget.level,
  };
}

/**
 * A tenant with a budget (the request's `budget`) as its catalog Resource
 * carrying the budget annotation, owned by the tenant's group.
 */
export function tenantBudgetEntity(tenant: StoredTenant): Entity | undefined {
  if (!tenant.spec.budget) return undefined;
  const ref = parseEntityRef(tenantEntityRef(tenant));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      annotations: { [MONTHLY_BUDGET_ANNOTATION]: tenant.spec.budget },
    },
    spec: { type: 'kubernetes-namespace', owner: tenant.owner },
  };
}

/**
 * Evaluates every Group, System and Component with a monthly budget
 * annotation, and every tenant with a budget, against the cost history, and
 * notifies the owning group of each level that rose this month (once per
 * level per month, see {@link notifyBudgetAlert}). One entity failing does
 * not stop the others.
 */
export async function evaluateBudgets(
  deps: BudgetEvaluationDeps,
  now: number = Date.now(),
): Promise<BudgetEvaluationResult> {
  const credentials = await deps.auth.getOwnServiceCredentials();
  const { items } = await deps.catalog.getEntities(
    {
      filter: { kind: ['group', 'system', 'component'] },
      fields: ['kind', 'metadata', 'spec'],
    },
    { credentials },
  );
  const tenants = await deps.tenants.list();
  const budgeted = [
    ...items.filter(e => e.metadata.annotations?.[MONTHLY_BUDGET_ANNOTATION]),
    ...tenants.flatMap(t => tenantBudgetEntity(t) ?? []),
  ];
  const result: BudgetEvaluationResult = { evaluated: 0, sent: [] };
  if (budgeted.length === 0) return result;
  const catalog = await loadCostCatalog(deps.catalog, tenants, credentials);
  const month = utcMonthKey(now);
  for (const entity of budgeted) {
    try {
      const standing = await standingOf(deps, entity, catalog, now);
      if (!standing) continue;
      result.evaluated++;
      const notified = await deps.notificationStore.levelsNotified(
        standing.entityRef,
        month,
      );
      const alert = budgetAlertFor(standing, notified);
      if (!alert) continue;
      const ctx = { ...deps, store: deps.notificationStore, month, now };
      if (await notifyBudgetAlert({ ...ctx, alert, standing })) {
        result.sent.push({ entityRef: standing.entityRef, level: alert.level });
      }
    } catch (error) {
      deps.logger.warn(
        `Budget of ${stringifyEntityRef(entity)} not evaluated: ${error}`,
      );
    }
  }
  return result;
}

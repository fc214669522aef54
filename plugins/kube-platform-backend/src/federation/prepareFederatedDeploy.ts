import { ConflictError } from '@backstage/errors';
import type {
  FederatedApp,
  FederatedAppFailover,
  RenderedCluster,
  ReplicaPlan,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import { assertTenantNamespaces } from './assertTenantNamespaces';
import { checkQuotaHeadroom, type QuotaRefusal } from './checkQuotaHeadroom';
import { type FederatedLayout, layoutOf, planLayout } from './federatedLayout';
import { renderPlanned } from './planAndRenderFederatedApp';
import { readCurrentReplicas } from './readCurrentReplicas';
import { resolveTargetClusters } from './resolveTargetClusters';
import { tenantAdminIdentity } from './tenantAdminIdentity';

/** What a deploy (or a what-if) of an app would do, decided before anything is applied. */
export interface PreparedFederatedDeploy {
  /** Every cluster the placement selects. */
  placed: string[];
  layout: FederatedLayout;
  /** Replicas the app's Deployment has now on the active clusters. */
  current: Record<string, number>;
  plan: ReplicaPlan;
  rendered: RenderedCluster[];
  /** Active or held clusters the deploy cannot use: not Ready (what-if only) or no quota headroom. */
  refusals: QuotaRefusal[];
  tenants: Record<string, StoredTenant>;
}

/** What preparing a deploy reads. */
export interface PrepareDeps {
  clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
  clusterCache: Pick<ClusterCacheService, 'forCluster'>;
  engine: Pick<ProvisioningEngine, 'assertReady' | 'applierFor'>;
  tenants: Pick<TenantStore, 'findByNamespace'>;
  credentials: Pick<TenantCredentials, 'kubeConfigFor'>;
}

/** 409 when a request names another owner than the stored app's. */
export function assertSameOwner(
  app: FederatedApp,
  stored: Pick<StoredFederatedApp, 'owner'> | undefined,
): void {
  if (stored && stored.owner !== app.owner) {
    throw new ConflictError(
      `Federated app '${app.name}' in '${app.namespace}' belongs to ${stored.owner}, not ${app.owner}`,
    );
  }
}

/**
 * Placement (400 for unknown clusters or none), the owner's tenants on every
 * placed cluster (400), the layout after failover, live replicas, the plan,
 * rendering and the quota pre-flight. A cluster that is not Ready fails a
 * deploy at once (`unready: 'throw'`, 503) or, for a what-if, is refused
 * and planned without (`'refuse'`). `rebalance` plans as if nothing ran
 * yet (a failback: replicas go back to the weights, not stay where they are).
 */
export async function prepareFederatedDeploy(
  deps: PrepareDeps,
  app: FederatedApp,
  failover: FederatedAppFailover,
  unready: 'throw' | 'refuse',
  options: { rebalance?: boolean } = {},
): Promise<PreparedFederatedDeploy> {
  const placed = resolveTargetClusters(app, deps.clusterRegistry);
  const tenants = await assertTenantNamespaces(deps.tenants, app, placed);
  const { layout, refusals } = readyLayout(
    deps,
    layoutOf(placed, failover),
    unready,
  );
  const current = await readCurrentReplicas(
    deps.engine,
    app,
    layout.active,
    cluster => tenantAdminIdentity(deps, cluster, app.namespace),
  );
  const { plan, rendered } = renderPlanned(app, () =>
    planLayout(app, placed, layout, options.rebalance ? {} : current),
  );
  refusals.push(
    ...checkQuotaHeadroom(
      deps.clusterCache,
      app.namespace,
      rendered,
      tenants,
      current,
    ),
  );
  return { placed, layout, current, plan, rendered, refusals, tenants };
}

function readyLayout(
  deps: Pick<PrepareDeps, 'engine'>,
  layout: FederatedLayout,
  unready: 'throw' | 'refuse',
): { layout: FederatedLayout; refusals: QuotaRefusal[] } {
  const refusals: QuotaRefusal[] = [];
  const isReady = (cluster: string) => {
    try {
      deps.engine.assertReady(cluster);
      return true;
    } catch (error) {
      if (unready === 'throw') throw error;
      refusals.push({ cluster, reason: (error as Error).message });
      return false;
    }
  };
  const active = layout.active.filter(isReady);
  const held = layout.held.filter(isReady);
  return { layout: { ...layout, active, held }, refusals };
}

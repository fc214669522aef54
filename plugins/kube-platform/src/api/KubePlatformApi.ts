import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterStatus,
  EntityQuotaResponse,
  IsolationReport,
  TenantDetails,
  TenantGuardrailsCostEstimate,
  TenantGuardrailsReport,
  TenantRequest,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  FederatedAppChangeResult,
  FederatedAppDetails,
  FederatedAppPlanPreview,
  FederatedAppPlanRequest,
  FederatedReplicasChange,
  StoredFederatedApp,
} from './federationTypes';
import type {
  ClusterCostResponse,
  CostCsvFile,
  EntityCostQuery,
  EntityCostResponse,
} from './costTypes';

/** Client for the Kube Platform backend. */
export interface KubePlatformApi {
  /** Every registered cluster the user may see, with live health, capacity and cache freshness. */
  listClusters(): Promise<ClusterStatus[]>;
  /** One registered cluster, or `undefined` when none has that name. */
  getCluster(name: string): Promise<ClusterStatus | undefined>;
  /**
   * Quota usage of every namespace an entity stands for: a Group's tenants, a
   * `kubernetes-namespace` Resource itself, or the namespaces a Component or
   * System is annotated with. Ratios over a limit of 0 arrive as `null`.
   */
  getEntityQuota(entityRef: CompoundEntityRef): Promise<EntityQuotaResponse>;
  /** A tenant with the live state of its managed objects, or `undefined` when the cluster has no such tenant. */
  getTenant(cluster: string, name: string): Promise<TenantDetails | undefined>;
  /** Runs the isolation checks of a tenant against its cluster and returns their evidence. */
  verifyTenant(cluster: string, name: string): Promise<IsolationReport>;
  /** A kubeconfig (YAML) for the tenant's namespace with a one-hour token; owners only. */
  getTenantKubeconfig(cluster: string, name: string): Promise<string>;
  /**
   * What the signed-in user may not request as asked: checks a tenant request
   * against its environment's guard rails without provisioning anything, and
   * what its quota costs a month at full use when the backend prices clusters.
   */
  checkTenantGuardrails(
    request: TenantRequest,
  ): Promise<TenantGuardrailsReport & TenantGuardrailsCostEstimate>;
  /** Federated apps the user may read, optionally of one owner group. */
  listFederatedApps(options?: {
    owner?: string;
  }): Promise<StoredFederatedApp[]>;
  /** A federated app with its plan, live status per cluster and operations, or `undefined` when there is none. */
  getFederatedApp(
    namespace: string,
    name: string,
  ): Promise<FederatedAppDetails | undefined>;
  /** Changes an app's total replicas and/or per-cluster weights and bounds, and applies the new plan. */
  updateFederatedAppReplicas(
    namespace: string,
    name: string,
    change: FederatedReplicasChange,
  ): Promise<FederatedAppChangeResult>;
  /** Moves an app's replicas from one cluster to another with surge: up on `to`, then down on `from`. */
  migrateFederatedApp(
    namespace: string,
    name: string,
    move: { from: string; to: string },
  ): Promise<FederatedAppChangeResult>;
  /** What-if: the targets and planned replicas of a (changed) app, applying nothing. */
  planFederatedApp(
    app: FederatedAppPlanRequest,
  ): Promise<FederatedAppPlanPreview>;
  /** An entity's cost over a window, by step, with a breakdown, efficiency and budget. */
  getEntityCost(
    entityRef: CompoundEntityRef,
    query: EntityCostQuery,
  ): Promise<EntityCostResponse>;
  /** The same cost as a CSV file, fetched with the user's credentials. */
  downloadEntityCostCsv(
    entityRef: CompoundEntityRef,
    query: EntityCostQuery,
  ): Promise<CostCsvFile>;
  /** A cluster's allocated and idle cost and its efficiency over a window (default the last 30 days). */
  getClusterCost(
    name: string,
    window?: { from?: string; to?: string },
  ): Promise<ClusterCostResponse>;
}

/** API reference for {@link KubePlatformApi}. */
export const kubePlatformApiRef = createApiRef<KubePlatformApi>({
  id: 'plugin.kube-platform.service',
});

import type { TenantObjectResult } from '../tenantApi';
import type { FederatedApp } from './federatedApp';
import type { ReplicaPlan } from './planReplicas';

/*
 * What the federated-app REST API returns, as plain JSON (times are ISO 8601
 * strings). The backend builds these; the frontend reads them.
 */

/** A placed cluster the app was moved off, or that is back and waiting out the cooldown. */
export interface FederatedFailoverCluster {
  cluster: string;
  /** `failed-over`: NotReady, its replicas run elsewhere; `cooling-down`: Ready again, held at 0 replicas until `failbackAt`. */
  state: 'failed-over' | 'cooling-down';
  /** When the cluster entered this state. */
  since: string;
  /** When the app fails back to this cluster, while cooling down. */
  failbackAt?: string;
}

/** Failover state of one app; no clusters when it runs on its whole placement. */
export interface FederatedAppFailover {
  clusters: FederatedFailoverCluster[];
}

/** A deployed federated app as stored (an item of `GET /federated-apps`). */
export interface StoredFederatedApp {
  namespace: string;
  name: string;
  owner: string;
  spec: FederatedApp;
  failover: FederatedAppFailover;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Answer of `GET /federated-apps`: the apps the caller may read. */
export interface FederatedAppList {
  items: StoredFederatedApp[];
}

/** A condition of the app's Deployment on one cluster. */
export interface FederatedDeploymentCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Rollout state of the app's Deployment on one cluster, as the watch cache knows it. */
export interface FederatedClusterStatus {
  cluster: string;
  /**
   * `present` / `missing`: read from a cache in sync with the cluster.
   * `unreachable`: the cluster is NotReady (`error` has its health).
   * `not-synced`: the cache of Deployments is not in sync (`error` says why).
   * The last two carry no replica counts and no drift: nothing is known.
   */
  state: 'present' | 'missing' | 'unreachable' | 'not-synced';
  /** Replicas rendered for this cluster (the plan). */
  plannedReplicas?: number;
  desiredReplicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  generation?: number;
  observedGeneration?: number;
  /** The controller has seen the latest spec and every replica is updated and available, none old left. */
  rolledOut?: boolean;
  conditions?: FederatedDeploymentCondition[];
  /** The live Deployment is missing or differs from what is rendered for this cluster; absent when unknown. */
  drift?: boolean;
  /** Paths that differ (`spec.replicas`, `spec.template.spec.containers[0].image`, ...), or `missing`. */
  driftedFields?: string[];
  error?: string;
  /** When the server last vouched for this cluster's cache. */
  observedAt?: string;
}

/** Replicas summed over the clusters that reported (Karmada's aggregated status). */
export interface FederatedAppTotals {
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

/** What happened to one object (on one cluster) when an app was applied or deleted. */
export type FederatedObjectResult = TenantObjectResult & { cluster: string };

/** Outcome of one object (or one cluster) within a recorded operation. */
export type FederatedOperationResult = TenantObjectResult & {
  cluster?: string;
};

/** One recorded change of a federated app. */
export interface FederatedAppOperation {
  id: string;
  kind: string;
  /** `create`, `update`, `dry-run`, `delete`, `failover`, `failback`, `migrate`, `scale`, `reconcile`. */
  action: string;
  cluster?: string;
  target: string;
  actor: string;
  spec: unknown;
  /** `rejected` when checks refused it before anything was applied, `failed` when applying went wrong part-way. */
  status: 'pending' | 'succeeded' | 'failed' | 'no-op' | 'rejected';
  results: FederatedOperationResult[];
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/** Answer of `GET /federated-apps/:namespace/:name`: the stored app with its plan, live status per cluster and its operations. */
export interface FederatedAppDetails extends StoredFederatedApp {
  /** Clusters the placement selects today. */
  clusters: string[];
  plan: ReplicaPlan;
  status: FederatedClusterStatus[];
  totals: FederatedAppTotals;
  operations: FederatedAppOperation[];
}

/** A target cluster refused, and why. */
export interface FederatedClusterRefusal {
  cluster: string;
  reason: string;
}

/** Answer of a deploy, a change of replicas or a migration. */
export interface FederatedAppDeployResult {
  operationId: string;
  namespace: string;
  name: string;
  result: 'created' | 'updated' | 'unchanged' | 'dry-run';
  plan: ReplicaPlan;
  /** Target clusters the quota pre-flight refused (only with `allowPartial`). */
  skipped: FederatedClusterRefusal[];
  objects: FederatedObjectResult[];
}

/** Answer of `DELETE /federated-apps/:namespace/:name`. */
export interface FederatedAppDeleteResult {
  operationId: string;
  objects: FederatedObjectResult[];
}

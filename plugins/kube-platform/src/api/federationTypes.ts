import type {
  FederatedApp,
  FederatedAppInput,
  ReplicaPlan,
} from '@kube-platform/plugin-kube-platform-common';

/** A deployed federated app as the backend stores it. */
export interface StoredFederatedApp {
  namespace: string;
  name: string;
  owner: string;
  spec: FederatedApp;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Live rollout state of the app's Deployment on one cluster. */
export interface FederatedClusterStatus {
  cluster: string;
  /**
   * `present` / `missing`: read from a cache in sync with the cluster;
   * `unreachable`: the cluster is NotReady; `not-synced`: its cache is not in
   * sync. The last two carry no replica counts and no drift (`error` says why).
   */
  state: 'present' | 'missing' | 'unreachable' | 'not-synced' | (string & {});
  /** Replicas rendered for this cluster (the plan). */
  plannedReplicas?: number;
  desiredReplicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  generation?: number;
  observedGeneration?: number;
  /** The controller has seen the latest spec and every replica is updated and available. */
  rolledOut?: boolean;
  conditions?: Array<{ type: string; status: string; reason?: string }>;
  /** The live Deployment is missing or differs from what is rendered for this cluster; absent when unknown. */
  drift?: boolean;
  /** Paths that differ (`spec.replicas`, `spec.template.spec.containers[0].image`, ...), or `missing`. */
  driftedFields?: string[];
  error?: string;
  /** When the server last vouched for this cluster's cache. */
  observedAt?: string;
}

/** Replicas summed over every target cluster. */
export interface FederatedAppTotals {
  desired: number;
  updated: number;
  ready: number;
  available: number;
}

/** A cluster the app failed over from. */
export interface FederatedFailoverCluster {
  cluster: string;
  state: 'failed-over' | 'cooling-down' | (string & {});
  /** ISO time the cluster entered this state. */
  since: string;
  /** ISO time the app will fail back, while cooling down. */
  failbackAt?: string;
}

/** Outcome of one object (or cluster) within an operation. */
export interface FederatedOperationResult {
  cluster?: string;
  kind: string;
  name: string;
  namespace?: string;
  outcome: string;
  message?: string;
}

/** One recorded change of a federated app. */
export interface FederatedAppOperation {
  id: string;
  kind: string;
  /** `create`, `update`, `dry-run`, `delete`, `failover`, `failback`, `migrate`, `scale`, `reconcile`. */
  action: string;
  actor: string;
  status: 'pending' | 'succeeded' | 'failed' | 'no-op' | 'rejected' | string;
  results: FederatedOperationResult[];
  error?: string;
  createdAt: string;
  updatedAt?: string;
}

/** A federated app with its plan, live status on each cluster and its history. */
export interface FederatedAppDetails extends StoredFederatedApp {
  /** Clusters the placement selects today. */
  clusters: string[];
  plan: ReplicaPlan;
  status: FederatedClusterStatus[];
  totals?: FederatedAppTotals;
  /** Clusters the app failed over from; none while it runs on its whole placement. */
  failover?: { clusters: FederatedFailoverCluster[] };
  operations: FederatedAppOperation[];
}

/** Scheduling preference of one cluster, as a change of replicas sends it. */
export interface ClusterReplicaPreference {
  weight?: number;
  minReplicas?: number;
  maxReplicas?: number;
}

/** A change of an app's total replicas and/or per-cluster preferences. */
export interface FederatedReplicasChange {
  totalReplicas?: number;
  clusters?: Record<string, ClusterReplicaPreference>;
}

/** A target cluster the backend would not place replicas on, and why. */
export interface FederatedPlanRefusal {
  cluster: string;
  reason: string;
}

/** What the backend would do with a changed spec: its targets and planned replicas. */
export interface FederatedAppPlanPreview extends ReplicaPlan {
  targets: string[];
  /** Replicas each cluster runs now (empty for a new app). */
  current: Record<string, number>;
  refusals: FederatedPlanRefusal[];
  totalReplicas: number;
}

/** Body of a what-if plan: a whole federated app as a client sends it. */
export type FederatedAppPlanRequest = FederatedAppInput;

/** What a change of replicas or a migration did; fields beyond the operation's id are optional. */
export interface FederatedAppChangeResult {
  operationId?: string;
  result?: string;
  plan?: ReplicaPlan;
}

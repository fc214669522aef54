/**
 * What the cost model reads about a cluster, trimmed to plain values. Times are
 * epoch milliseconds; quantities are Kubernetes quantities or plain numbers in
 * base units (cores, bytes).
 */

type Quantity = string | number;

/** One pod, as the watch cache and PodMetrics describe it. */
export interface CostPod {
  namespace: string;
  name: string;
  /**
   * The workload that owns the pod, `Kind/name` with ReplicaSets resolved to
   * their Deployment (`Deployment/web`); `Pod/<name>` for a bare pod.
   */
  workload: string;
  labels: Record<string, string>;
  /** Node the pod runs on; absent while unscheduled. */
  nodeName?: string;
  /** `status.startTime`; absent = not started, costs nothing. */
  startTime?: number;
  /** When the pod stopped (terminated or deleted); absent = still running. */
  endTime?: number;
  /** Pod-level requests (`cpu`, `memory`), e.g. from `podResources(...)`. */
  requests: Record<string, Quantity>;
  /** Usage from `metrics.k8s.io` PodMetrics summed over containers; absent = not measured. */
  usage?: { cpu?: Quantity; memory?: Quantity };
  /** Names of the PersistentVolumeClaims the pod mounts. */
  claimNames?: string[];
}

/** One PersistentVolumeClaim. */
export interface CostPersistentVolumeClaim {
  namespace: string;
  name: string;
  /** `status.phase`: only `Bound` claims cost anything. */
  phase: string;
  /** `status.capacity.storage` (the bound volume's size), else the requested size. */
  capacity?: Quantity;
  storageClass?: string;
  /** Creation time; absent = before any interval. */
  createdAt?: number;
  /** Deletion time; absent = still there. */
  deletedAt?: number;
}

/** One node. */
export interface CostNode {
  name: string;
  labels: Record<string, string>;
  /** `status.allocatable` (`cpu`, `memory`). */
  allocatable: Record<string, Quantity>;
}

/** Health of a registered cluster, with KubeFed's Ready/NotReady/Offline semantics. */
export type ClusterHealthStatus = 'Ready' | 'NotReady' | 'Unknown';

/** What anyone allowed to read the inventory may see of a registered cluster. No credentials. */
export interface ClusterSummary {
  name: string;
  title?: string;
  url: string;
  labels: Record<string, string>;
  owner?: string;
  host: boolean;
}

/** Names of the entity annotations Kube Platform reads and writes. */
export const KUBE_PLATFORM_ANNOTATIONS = {
  cluster: 'kube-platform.io/cluster',
  host: 'kube-platform.io/host',
  tenant: 'kube-platform.io/tenant',
  /** On a Component deployed as a federated app: `<namespace>/<name>`; also the label on the app's objects. */
  federatedApp: 'kube-platform.io/federated-app',
} as const;

/** Catalog `spec.type` of the Resource entity that stands for a registered cluster. */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/** Catalog `spec.type` of the Resource entity that stands for a tenant namespace. */
export const KUBERNETES_NAMESPACE_RESOURCE_TYPE = 'kubernetes-namespace';

/** Name of a tenant's catalog Resource entity: `<cluster>-<name>`, unique across clusters. */
export function tenantEntityName(tenant: {
  cluster: string;
  name: string;
}): string {
  return `${tenant.cluster}-${tenant.name}`;
}

/** Ref of a tenant's catalog Resource entity: `resource:default/<cluster>-<name>`. */
export function tenantEntityRef(tenant: {
  cluster: string;
  name: string;
}): string {
  return `resource:default/${tenantEntityName(tenant)}`;
}

/** One health probe of a cluster's API server. */
export interface ClusterProbe {
  /** ISO time the probe finished. */
  time: string;
  ok: boolean;
  /** Round-trip time of `/readyz`, when it answered. */
  latencyMs?: number;
  error?: string;
}

/** Health of a cluster, with KubeFed's threshold semantics. */
export interface ClusterHealth {
  status: ClusterHealthStatus;
  /** When `status` last changed. */
  lastTransitionTime?: string;
  lastProbeTime?: string;
  /** Error of the most recent failed probe, kept after recovery for context. */
  lastError?: string;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  latencyMs?: number;
  /** `gitVersion` from `/version`. */
  version?: string;
  /** Most recent probes, newest last. */
  history: ClusterProbe[];
}

/** Capacity of a cluster against the quota its tenants were promised. */
export interface ClusterCapacity {
  nodesTotal: number;
  nodesReady: number;
  /** Sum of Ready nodes' allocatable CPU, in cores. */
  allocatableCpu: number;
  /** Sum of Ready nodes' allocatable memory, in bytes. */
  allocatableMemory: number;
  /** Sum of every ResourceQuota's hard `requests.cpu` (or `cpu`), in cores. */
  quotaCpu: number;
  /** Sum of every ResourceQuota's hard `requests.memory` (or `memory`), in bytes. */
  quotaMemory: number;
  /** quotaCpu / allocatableCpu; above 1 means tenants were promised more than exists. */
  cpuOvercommit?: number;
  /** quotaMemory / allocatableMemory. */
  memoryOvercommit?: number;
  /** Namespaces managed by Kube Platform (label app.kubernetes.io/managed-by=kube-platform). */
  tenants: number;
}

/** Freshness of one watched resource kind in a cluster's cache. */
export interface WatchFreshness {
  synced: boolean;
  /** Last add/update/delete event or completed list. */
  lastEventTime?: string;
  count: number;
  lastError?: string;
}

/** Freshness of a cluster's watch cache. */
export interface ClusterCacheStatus {
  /** True when every watched kind has completed its initial list. */
  synced: boolean;
  resources: {
    namespaces: WatchFreshness;
    resourcequotas: WatchFreshness;
    nodes: WatchFreshness;
  };
}

/** A registered cluster with live health, capacity and cache freshness. No credentials. */
export interface ClusterStatus extends ClusterSummary {
  health: ClusterHealth;
  capacity: ClusterCapacity;
  cache: ClusterCacheStatus;
}

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

/** Names of entity annotations we write on cluster Resource entities. */
export const KUBE_PLATFORM_ANNOTATIONS = {
  cluster: 'kube-platform.io/cluster',
  host: 'kube-platform.io/host',
  tenant: 'kube-platform.io/tenant',
} as const;

/** Catalog `spec.type` of the Resource entity that stands for a registered cluster. */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/** Catalog `spec.type` of the Resource entity that stands for a tenant namespace. */
export const KUBERNETES_NAMESPACE_RESOURCE_TYPE = 'kubernetes-namespace';

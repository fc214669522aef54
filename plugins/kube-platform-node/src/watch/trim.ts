import type {
  V1Namespace,
  V1Node,
  V1ResourceQuota,
} from '@kubernetes/client-node';

/** What the cache keeps of a Namespace. */
export interface CachedNamespace {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  phase?: string;
  creationTimestamp?: string;
}

/** What the cache keeps of a ResourceQuota. */
export interface CachedResourceQuota {
  namespace: string;
  name: string;
  hard: Record<string, string>;
  used: Record<string, string>;
}

/** What the cache keeps of a Node. */
export interface CachedNode {
  name: string;
  labels: Record<string, string>;
  ready: boolean;
  allocatable: Record<string, string>;
  capacity: Record<string, string>;
}

// Annotations can be large (last-applied-configuration); keep only ours and Backstage's.
function keepAnnotations(annotations: Record<string, string> | undefined) {
  return Object.fromEntries(
    Object.entries(annotations ?? {}).filter(
      ([key]) =>
        key.startsWith('kube-platform.io/') || key.startsWith('backstage.io/'),
    ),
  );
}

/** Trims a Namespace to the fields later features read. */
export function trimNamespace(ns: V1Namespace): CachedNamespace {
  return {
    name: ns.metadata?.name ?? '',
    labels: { ...(ns.metadata?.labels ?? {}) },
    annotations: keepAnnotations(ns.metadata?.annotations),
    phase: ns.status?.phase,
    creationTimestamp: ns.metadata?.creationTimestamp
      ? new Date(ns.metadata.creationTimestamp).toISOString()
      : undefined,
  };
}

/** Trims a ResourceQuota to its hard and used amounts. */
export function trimResourceQuota(quota: V1ResourceQuota): CachedResourceQuota {
  return {
    namespace: quota.metadata?.namespace ?? '',
    name: quota.metadata?.name ?? '',
    hard: { ...(quota.status?.hard ?? quota.spec?.hard ?? {}) },
    used: { ...(quota.status?.used ?? {}) },
  };
}

/** Trims a Node to readiness and resources; drops images, addresses and the rest. */
export function trimNode(node: V1Node): CachedNode {
  const ready = node.status?.conditions?.find(c => c.type === 'Ready');
  return {
    name: node.metadata?.name ?? '',
    labels: { ...(node.metadata?.labels ?? {}) },
    ready: ready?.status === 'True' && !node.spec?.unschedulable,
    allocatable: { ...(node.status?.allocatable ?? {}) },
    capacity: { ...(node.status?.capacity ?? {}) },
  };
}

import { parseQuantity } from '@kube-platform/plugin-kube-platform-common';
import {
  ApisApi,
  CustomObjectsApi,
  type KubeConfig,
} from '@kubernetes/client-node';

/** The resource metrics API group metrics-server (and localcluster) serves. */
export const METRICS_GROUP = 'metrics.k8s.io';
const METRICS_VERSION = 'v1beta1';

/** Usage of one pod, summed over its containers, in base units (cores, bytes). */
export interface PodUsage {
  cpu: number;
  memory: number;
}

/** The pods' usage on one cluster, or why there is none. */
export interface ClusterPodUsage {
  /** `metrics` when PodMetrics were read; `requests` when the model must use requests. */
  source: 'metrics' | 'requests';
  /**
   * By namespace, then pod name (a sample looks up 100 000 pods: two lookups
   * of strings the pods already hold beat building a `namespace/name` key for
   * each); empty for `requests`.
   */
  pods: Map<string, Map<string, PodUsage>>;
  /** Why requests stand in for usage. */
  reason?: string;
}

interface PodMetricsList {
  items: Array<{
    metadata: { namespace?: string; name?: string };
    containers: Array<{ usage: Record<string, string> }>;
  }>;
}

/** Whether the cluster's discovery lists `metrics.k8s.io/v1beta1`. */
async function servesMetrics(kubeConfig: KubeConfig): Promise<boolean> {
  const { groups } = await kubeConfig.makeApiClient(ApisApi).getAPIVersions();
  return groups.some(
    g =>
      g.name === METRICS_GROUP &&
      g.versions.some(v => v.version === METRICS_VERSION),
  );
}

function sumUsage(list: PodMetricsList): ClusterPodUsage['pods'] {
  const pods: ClusterPodUsage['pods'] = new Map();
  for (const item of list.items) {
    const usage = { cpu: 0, memory: 0 };
    for (const container of item.containers ?? []) {
      usage.cpu += parseQuantity(container.usage?.cpu ?? 0);
      usage.memory += parseQuantity(container.usage?.memory ?? 0);
    }
    const namespace = item.metadata.namespace ?? '';
    let inNamespace = pods.get(namespace);
    if (!inNamespace) {
      inNamespace = new Map();
      pods.set(namespace, inNamespace);
    }
    inNamespace.set(item.metadata.name ?? '', usage);
  }
  return pods;
}

/**
 * Reads every pod's usage from `metrics.k8s.io/v1beta1` PodMetrics as the
 * platform identity; each call is bounded by the cluster's request timeout
 * (the registry's `BoundedKubeConfig`). A cluster whose discovery does not
 * list the group gets `requests`, with the reason. Other failures (a timeout,
 * a 5xx) throw: the caller decides whether the sample is a gap.
 */
export async function readPodUsage(
  kubeConfig: KubeConfig,
): Promise<ClusterPodUsage> {
  if (!(await servesMetrics(kubeConfig))) {
    return {
      source: 'requests',
      pods: new Map(),
      reason: `${METRICS_GROUP}/${METRICS_VERSION} is not served (no metrics-server)`,
    };
  }
  const list = (await kubeConfig
    .makeApiClient(CustomObjectsApi)
    .listClusterCustomObject({
      group: METRICS_GROUP,
      version: METRICS_VERSION,
      plural: 'pods',
    })) as PodMetricsList;
  return { source: 'metrics', pods: sumUsage(list) };
}

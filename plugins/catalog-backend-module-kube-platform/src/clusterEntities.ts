import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type ResourceEntity,
} from '@backstage/catalog-model';
import {
  type ClusterSummary,
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';

/** Entity labels must be valid Kubernetes-style keys and values; cluster labels are. */
const ENTITY_LABEL_VALUE = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

/**
 * Renders the catalog Resource entity for one registered cluster. It carries the
 * annotations the stock Kubernetes plugin's catalog cluster locator reads, but never
 * a credential: the stock plugin authenticates with its own `serviceAccount` config.
 */
export function renderClusterEntity(
  cluster: ClusterSummary & { caData?: string },
  providerName: string,
): ResourceEntity {
  const location = `kube-platform:${providerName}`;
  const labels = Object.fromEntries(
    Object.entries(cluster.labels).filter(([, value]) => ENTITY_LABEL_VALUE.test(value)),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      title: cluster.title ?? cluster.name,
      description: `Kubernetes cluster ${cluster.name} registered with Kube Platform`,
      labels,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        'kubernetes.io/api-server': cluster.url,
        ...(cluster.caData
          ? { 'kubernetes.io/api-server-certificate-authority': cluster.caData }
          : {}),
        'kubernetes.io/auth-provider': 'serviceAccount',
        [KUBE_PLATFORM_ANNOTATIONS.cluster]: cluster.name,
        [KUBE_PLATFORM_ANNOTATIONS.host]: String(cluster.host),
      },
      tags: ['kubernetes', ...(cluster.host ? ['host-cluster'] : [])],
    },
    spec: {
      type: KUBERNETES_CLUSTER_RESOURCE_TYPE,
      owner: cluster.owner ?? 'group:default/platform-team',
    },
  };
}

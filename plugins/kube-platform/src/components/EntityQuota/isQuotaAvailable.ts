import type { Entity } from '@backstage/catalog-model';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';

/** The standard Backstage annotation naming the Kubernetes namespace of an entity. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/**
 * True for entities whose namespaces have quota to show: Groups (their tenants),
 * `kubernetes-namespace` Resources (themselves), and Components or Systems
 * annotated with `backstage.io/kubernetes-namespace` or `kube-platform.io/tenant`.
 */
export function isQuotaAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return true;
    case 'resource':
      return entity.spec?.type === KUBERNETES_NAMESPACE_RESOURCE_TYPE;
    case 'component':
    case 'system':
      return Boolean(
        annotations[KUBERNETES_NAMESPACE_ANNOTATION] ||
          annotations[KUBE_PLATFORM_ANNOTATIONS.tenant],
      );
    default:
      return false;
  }
}

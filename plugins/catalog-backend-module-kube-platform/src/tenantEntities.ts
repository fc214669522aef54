import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type ResourceEntity,
} from '@backstage/catalog-model';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
  MONTHLY_BUDGET_ANNOTATION,
  tenantEntityName,
  type TenantSummary,
} from '@kube-platform/plugin-kube-platform-common';

const ENTITY_LABEL_VALUE = /^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;

/**
 * Renders the catalog `kubernetes-namespace` Resource entity for one tenant, with
 * the annotations the stock Kubernetes plugin and the Kube Platform cards read,
 * and the tenant's monthly budget (`kube-platform.io/monthly-budget`) when it has one.
 */
export function renderTenantEntity(
  tenant: TenantSummary,
  providerName: string,
): ResourceEntity {
  const location = `kube-platform:${providerName}`;
  const labels = Object.fromEntries(
    Object.entries({
      environment: tenant.environment,
      'cost-center': tenant.costCenter,
    }).filter(([, value]) => ENTITY_LABEL_VALUE.test(value)),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tenantEntityName(tenant),
      title: `${tenant.name} on ${tenant.cluster}`,
      description: `Kubernetes tenant namespace ${tenant.namespace} on cluster ${tenant.cluster}`,
      labels,
      annotations: {
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
        [KUBE_PLATFORM_ANNOTATIONS.tenant]: `${tenant.cluster}/${tenant.name}`,
        [KUBE_PLATFORM_ANNOTATIONS.cluster]: tenant.cluster,
        'backstage.io/kubernetes-id': tenant.name,
        'backstage.io/kubernetes-namespace': tenant.namespace,
        ...(tenant.budget
          ? { [MONTHLY_BUDGET_ANNOTATION]: tenant.budget }
          : {}),
      },
      tags: ['kubernetes', 'tenant'],
    },
    spec: {
      type: KUBERNETES_NAMESPACE_RESOURCE_TYPE,
      owner: tenant.owner,
      dependsOn: [`resource:default/${tenant.cluster}`],
    },
  };
}

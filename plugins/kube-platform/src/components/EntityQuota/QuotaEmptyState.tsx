import { EmptyState } from '@backstage/core-components';
import type { NamespaceQuotaUsage } from '@kube-platform/plugin-kube-platform-common';
import { describeNamespace } from './quotaDisplay';

/** Explains why an entity has no quota to show: no namespaces at all, or none with a ResourceQuota. */
export function QuotaEmptyState(props: {
  entityTitle: string;
  namespacesWithoutQuota: NamespaceQuotaUsage[];
}) {
  const { entityTitle, namespacesWithoutQuota } = props;
  const description =
    namespacesWithoutQuota.length === 0
      ? `${entityTitle} has no Kubernetes namespaces. A Group gets them by owning tenants; a Component or System by its backstage.io/kubernetes-namespace or kube-platform.io/tenant annotation.`
      : `No ResourceQuota limits ${namespacesWithoutQuota
          .map(describeNamespace)
          .join(', ')}.`;
  return (
    <EmptyState
      missing="data"
      title="No namespaces with quota"
      description={description}
    />
  );
}

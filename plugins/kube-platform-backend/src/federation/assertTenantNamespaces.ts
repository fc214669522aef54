import { InputError } from '@backstage/errors';
import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant, TenantStore } from '../database/TenantStore';

/**
 * The app's namespace must be a Kube Platform tenant of the app's owner on
 * every target cluster (400 naming the cluster otherwise). Returns the tenant
 * per cluster, whose LimitRange defaults the quota pre-flight uses.
 */
export async function assertTenantNamespaces(
  tenants: Pick<TenantStore, 'findByNamespace'>,
  app: FederatedApp,
  clusters: readonly string[],
): Promise<Record<string, StoredTenant>> {
  const found: Record<string, StoredTenant> = {};
  const missing: string[] = [];
  for (const cluster of clusters) {
    const tenant = await tenants.findByNamespace(cluster, app.namespace);
    if (tenant && tenant.owner === app.owner) found[cluster] = tenant;
    else missing.push(cluster);
  }
  if (missing.length > 0) {
    throw new InputError(
      `Invalid federated app: namespace: '${
        app.namespace
      }' is not a tenant of ${app.owner} on cluster ${missing
        .map(c => `'${c}'`)
        .join(', ')}`,
    );
  }
  return found;
}

import { InputError } from '@backstage/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import type { TenantStore } from '../database/TenantStore';
import type { TenantCredentials } from '../tenants/TenantCredentials';

/**
 * The admin identity of the tenant that holds a namespace on a cluster:
 * workloads of federated apps are applied and read as it, because the
 * platform has no write rights on workloads of its own.
 */
export async function tenantAdminIdentity(
  deps: {
    tenants: Pick<TenantStore, 'findByNamespace'>;
    credentials: Pick<TenantCredentials, 'kubeConfigFor'>;
  },
  cluster: string,
  namespace: string,
): Promise<KubeConfig> {
  const tenant = await deps.tenants.findByNamespace(cluster, namespace);
  if (!tenant) {
    throw new InputError(
      `Invalid federated app: namespace: '${namespace}' is not a tenant on cluster '${cluster}'`,
    );
  }
  return deps.credentials.kubeConfigFor(tenant, 'admin');
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterRegistry,
  EngineObjectResult,
  InventoryStore,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type { TenantStore } from '../database/TenantStore';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import { federatedAppOwner } from './federatedAppTypes';
import { tenantAdminIdentity } from './tenantAdminIdentity';

/**
 * Deletes the app's objects (by inventory, as the tenant's admin) from every
 * registered cluster outside `keep`. Every such cluster must be Ready before
 * any is emptied: no half-removed app.
 */
export async function removeFederatedAppFrom(
  deps: {
    logger: LoggerService;
    clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
    inventory: InventoryStore;
    engine: Pick<ProvisioningEngine, 'assertReady' | 'remove'>;
    tenants: Pick<TenantStore, 'findByNamespace'>;
    credentials: Pick<TenantCredentials, 'kubeConfigFor'>;
  },
  app: FederatedApp,
  keep: ReadonlySet<string>,
): Promise<EngineObjectResult[]> {
  const owner = federatedAppOwner(app);
  const clusters: string[] = [];
  for (const { name: cluster } of deps.clusterRegistry.listClusters()) {
    if (keep.has(cluster)) continue;
    const inventory = await deps.inventory.get(owner, cluster);
    if (inventory && inventory.length > 0) clusters.push(cluster);
  }
  clusters.forEach(c => deps.engine.assertReady(c));
  const results: EngineObjectResult[] = [];
  for (const cluster of clusters) {
    results.push(
      ...(await deps.engine.remove(
        owner,
        cluster,
        [],
        await tenantAdminIdentity(deps, cluster, app.namespace),
      )),
    );
    deps.logger.info('Removed federated app from cluster', {
      cluster,
      app: owner.id,
    });
  }
  return results;
}

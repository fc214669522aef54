import type {
  DatabaseService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type {
  ClusterCacheService,
  ClusterRegistry,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import { DatabaseKeyedLock } from '../database/DatabaseKeyedLock';
import { FederatedAppStore } from '../database/FederatedAppStore';
import { DatabaseInventoryStore } from '../database/InventoryStore';
import type { OperationStore } from '../database/OperationStore';
import type { TenantStore } from '../database/TenantStore';
import { createFederatedAppAccess } from '../federation/federatedAppAccess';
import { FederationService } from '../federation/FederationService';
import type { TenantCredentials } from '../tenants/TenantCredentials';

/** The federated-app store, service and permission decisions, on the shared engine. */
export async function createFederationServices(deps: {
  logger: LoggerService;
  database: DatabaseService;
  permissions: PermissionsService;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  engine: ProvisioningEngine;
  operations: OperationStore;
  tenants: TenantStore;
  credentials: TenantCredentials;
}) {
  const { database } = deps;
  const federatedApps = await FederatedAppStore.create({ database });
  const federation = new FederationService({
    ...deps,
    apps: federatedApps,
    // The engine's inventory table, read to find clusters an app left.
    inventory: await DatabaseInventoryStore.create({ database }),
    // A lease in the database: one request per app at a time across every backend replica.
    locks: await DatabaseKeyedLock.create({
      database,
      logger: deps.logger,
      subject: 'the federated app',
    }),
  });
  const federationAccess = createFederatedAppAccess(deps);
  return { federatedApps, federation, federationAccess };
}

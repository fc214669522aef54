import type {
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { KUBE_PLATFORM_TENANTS_TOPIC } from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  type ClusterHealthMonitor,
  type ClusterRegistry,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import { DatabaseKeyedLock } from '../database/DatabaseKeyedLock';
import { DatabaseInventoryStore } from '../database/InventoryStore';
import { OperationStore } from '../database/OperationStore';
import { TenantStore } from '../database/TenantStore';
import { createTenantAccess } from '../service/tenantAccess';
import { TenantCredentials } from '../tenants/TenantCredentials';
import { readTenantPolicySettings } from '../tenants/tenantGuardrails';
import { createFederationServices } from './createFederationServices';
import { registerFederationPermissions } from './registerFederationPermissions';
import { TenantProvisioner } from '../tenants/TenantProvisioner';

/** What the plugin's services are built from. */
export interface KubePlatformServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  events: EventsService;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  clusterHealth: ClusterHealthMonitor;
  /** Where federated apps are registered as a permission resource type. */
  permissionsRegistry?: PermissionsRegistryService;
}

/** Stores, the provisioning engine, and the tenant services on top of it. */
export async function createKubePlatformServices(
  deps: KubePlatformServiceDeps,
) {
  const { config, database } = deps;
  const operations = await OperationStore.create({ database });
  const tenants = await TenantStore.create({ database });
  const settings = readTenantPolicySettings(config);
  const engine = new ProvisioningEngine({
    clusterRegistry: deps.clusterRegistry,
    clusterHealth: deps.clusterHealth,
    inventory: await DatabaseInventoryStore.create({ database }),
    fallbackNamespace: 'default',
  });
  const credentials = new TenantCredentials({
    clusterRegistry: deps.clusterRegistry,
    platformNamespace: settings.platformNamespace,
  });
  const provisioner = new TenantProvisioner({
    ...deps,
    engine,
    // A deleted tenant's role tokens are dropped at once.
    credentials,
    // A lease in the database: one request per tenant at a time across every backend replica.
    locks: await DatabaseKeyedLock.create({
      database,
      logger: deps.logger,
      subject: 'the tenant',
    }),
    platformNamespace: settings.platformNamespace,
    tenants,
    operations,
    onChange: change =>
      deps.events.publish({
        topic: KUBE_PLATFORM_TENANTS_TOPIC,
        eventPayload: change,
      }),
  });
  const access = createTenantAccess({
    ...deps,
    platformAdminGroups:
      config.getOptionalStringArray('kubePlatform.platformAdminGroups') ?? [],
  });
  const federationServices = await createFederationServices({
    ...deps,
    engine,
    operations,
    tenants,
    credentials,
  });
  if (deps.permissionsRegistry) {
    registerFederationPermissions(
      deps.permissionsRegistry,
      federationServices.federatedApps,
    );
  }
  return {
    ...federationServices,
    operations,
    tenants,
    settings,
    engine,
    provisioner,
    credentials,
    access,
  };
}

/** The services {@link createKubePlatformServices} builds. */
export type KubePlatformServices = Awaited<
  ReturnType<typeof createKubePlatformServices>
>;

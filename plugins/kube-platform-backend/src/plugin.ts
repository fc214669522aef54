import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  KUBE_PLATFORM_TENANTS_TOPIC,
  KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
  kubePlatformPermissions,
} from '@kube-platform/plugin-kube-platform-common';
import {
  kubePlatformClusterCacheServiceRef,
  kubePlatformClusterHealthServiceRef,
  kubePlatformClusterRegistryServiceRef,
  ProvisioningEngine,
  readHealthSettings,
  tenantPermissionResourceRef,
  tenantPermissionRules,
} from '@kube-platform/plugin-kube-platform-node';
import { DatabaseInventoryStore } from './database/InventoryStore';
import { OperationStore } from './database/OperationStore';
import { TenantStore } from './database/TenantStore';
import { createRouter } from './service/router';
import { createTenantAccess } from './service/tenantAccess';
import { TenantCredentials } from './tenants/TenantCredentials';
import { readTenantPolicySettings } from './tenants/tenantGuardrails';
import { KeyedMutex } from './tenants/KeyedMutex';
import { readDriftScanFrequency } from './tenants/readDriftScanFrequency';
import { scanTenantDrift } from './tenants/scanTenantDrift';
import { TenantProvisioner } from './tenants/TenantProvisioner';

/** The Kube Platform backend plugin, mounted at `/api/kube-platform`. */
export const kubePlatformPlugin = createBackendPlugin({
  pluginId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        clusterHealth: kubePlatformClusterHealthServiceRef,
        clusterCache: kubePlatformClusterCacheServiceRef,
      },
      async init(deps) {
        const {
          config,
          httpRouter,
          scheduler,
          clusterHealth,
          permissionsRegistry,
        } = deps;
        const operations = await OperationStore.create({
          database: deps.database,
        });
        const tenants = await TenantStore.create({ database: deps.database });
        const settings = readTenantPolicySettings(config);
        const engine = new ProvisioningEngine({
          clusterRegistry: deps.clusterRegistry,
          inventory: await DatabaseInventoryStore.create({ database: deps.database }),
          fallbackNamespace: 'default',
        });
        const provisioner = new TenantProvisioner({
          ...deps,
          engine,
          locks: new KeyedMutex(),
          platformNamespace: settings.platformNamespace,
          tenants,
          operations,
          onChange: change =>
            deps.events.publish({
              topic: KUBE_PLATFORM_TENANTS_TOPIC,
              eventPayload: change,
            }),
        });

        permissionsRegistry.addPermissions(kubePlatformPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: tenantPermissionResourceRef,
          permissions: kubePlatformPermissions.filter(
            p =>
              'resourceType' in p &&
              p.resourceType === KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
          ),
          rules: tenantPermissionRules,
          getResources: async refs =>
            Promise.all(
              refs.map(ref => {
                const [cluster, name] = ref.split('/');
                return tenants.get(cluster, name);
              }),
            ),
        });

        const health = readHealthSettings(config);
        // Local scope: every backend instance probes and keeps its own view.
        await scheduler.scheduleTask({
          id: 'kube-platform-cluster-health',
          scope: 'local',
          frequency: { milliseconds: health.frequencyMs },
          timeout: { milliseconds: health.timeoutMs * 4 },
          fn: () => clusterHealth.probeAll(),
        });

        // Global scope: one backend instance scans each interval, whatever the replica count.
        await scheduler.scheduleTask({
          id: 'kube-platform-tenant-drift-scan',
          scope: 'global',
          frequency: readDriftScanFrequency(config),
          timeout: { minutes: 5 },
          fn: () =>
            scanTenantDrift({
              ...deps,
              tenants,
              operations,
              provisioner,
              logger: deps.logger.child({ task: 'kube-platform-tenant-drift-scan' }),
            }),
        });

        httpRouter.use(
          await createRouter({
            ...deps,
            tenants,
            operations,
            provisioner,
            settings,
            credentials: new TenantCredentials({
              clusterRegistry: deps.clusterRegistry,
              platformNamespace: settings.platformNamespace,
            }),
            access: createTenantAccess({
              ...deps,
              platformAdminGroups:
                config.getOptionalStringArray(
                  'kubePlatform.platformAdminGroups',
                ) ?? [],
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});

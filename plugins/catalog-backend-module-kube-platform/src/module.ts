import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { KUBE_PLATFORM_TENANTS_TOPIC } from '@kube-platform/plugin-kube-platform-common';
import { kubePlatformClusterRegistryServiceRef } from '@kube-platform/plugin-kube-platform-node';
import { KubePlatformClusterProvider } from './KubePlatformClusterProvider';
import { KubePlatformTenantProvider } from './KubePlatformTenantProvider';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 3 },
};

/** Catalog module that adds the Kube Platform cluster inventory and tenant providers. */
export const catalogModuleKubePlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        events: eventsServiceRef,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
      },
      async init({
        catalog,
        config,
        logger,
        scheduler,
        discovery,
        auth,
        events,
        clusterRegistry,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          'catalog.providers.kubePlatform.schedule',
        );
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        const clusterProvider = new KubePlatformClusterProvider({
          clusterRegistry,
          logger: logger.child({ task: 'kube-platform-cluster-provider' }),
        });
        const tenantLogger = logger.child({
          task: 'kube-platform-tenant-provider',
        });
        const tenantProvider = new KubePlatformTenantProvider({
          discovery,
          auth,
          logger: tenantLogger,
        });
        catalog.addEntityProvider(clusterProvider, tenantProvider);
        await scheduler.scheduleTask({
          id: 'kube-platform-cluster-provider:refresh',
          ...schedule,
          fn: () => clusterProvider.refresh(),
        });
        await scheduler.scheduleTask({
          id: 'kube-platform-tenant-provider:refresh',
          ...schedule,
          fn: () => tenantProvider.refresh(),
        });
        await events.subscribe({
          id: 'kube-platform-tenant-provider',
          topics: [KUBE_PLATFORM_TENANTS_TOPIC],
          onEvent: async event => {
            tenantLogger.info(
              'Refreshing tenant entities after a tenant change',
              {
                ...(event.eventPayload as Record<string, string>),
              },
            );
            await tenantProvider
              .refresh()
              .catch(error =>
                tenantLogger.warn('Refreshing tenant entities failed', error),
              );
          },
        });
      },
    });
  },
});

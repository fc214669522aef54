import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { kubePlatformClusterRegistryServiceRef } from '@kube-platform/plugin-kube-platform-node';
import { KubePlatformClusterProvider } from './KubePlatformClusterProvider';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 5 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 3 },
};

/** Catalog module that adds the Kube Platform cluster inventory provider. */
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
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
      },
      async init({ catalog, config, logger, scheduler, clusterRegistry }) {
        const scheduleConfig = config.getOptionalConfig('catalog.providers.kubePlatform.schedule');
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : DEFAULT_SCHEDULE;
        const provider = new KubePlatformClusterProvider({
          clusterRegistry,
          logger: logger.child({ task: 'kube-platform-cluster-provider' }),
        });
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'kube-platform-cluster-provider:refresh',
          ...schedule,
          fn: () => provider.refresh(),
        });
      },
    });
  },
});

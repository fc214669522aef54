import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The Kube Platform cluster inventory and tenant providers. */
      kubePlatform?: {
        /**
         * How often to re-emit the cluster and tenant entities. Defaults to every 5
         * minutes; tenant entities also refresh on every tenant change event.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}

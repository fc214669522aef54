import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { kubePlatformApiRef } from './api/KubePlatformApi';
import { KubePlatformClient } from './api/KubePlatformClient';
import { clustersRouteRef } from './routes';

/** The Kube Platform frontend plugin (legacy frontend system). */
export const kubePlatformPlugin = createPlugin({
  id: 'kube-platform',
  apis: [
    createApiFactory({
      api: kubePlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubePlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { clusters: clustersRouteRef },
});

/** The Clusters page: the registered cluster inventory. */
export const KubePlatformClustersPage = kubePlatformPlugin.provide(
  createRoutableExtension({
    name: 'KubePlatformClustersPage',
    component: () =>
      import('./components/ClustersPage').then(m => m.ClustersPage),
    mountPoint: clustersRouteRef,
  }),
);

/** Card for `kubernetes-cluster` Resource entity pages: health, capacity against quota, cache freshness. */
export const EntityKubePlatformClusterCard = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformClusterCard',
    component: {
      lazy: () =>
        import('./components/EntityClusterCard').then(m => m.EntityClusterCard),
    },
  }),
);

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { kubePlatformApiRef } from './api/KubePlatformApi';
import { KubePlatformClient } from './api/KubePlatformClient';
import { clustersRouteRef } from './routes';

const kubePlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kubePlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubePlatformClient({ discoveryApi, fetchApi }),
    }),
});

const clustersPage = PageBlueprint.make({
  params: {
    path: '/kube-platform/clusters',
    title: 'Clusters',
    routeRef: convertLegacyRouteRef(clustersRouteRef),
    loader: () =>
      import('./components/ClustersPage').then(m => <m.ClustersPage />),
  },
});

/** The Kube Platform frontend plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kube-platform',
  extensions: [kubePlatformApi, clustersPage],
  routes: { clusters: convertLegacyRouteRef(clustersRouteRef) },
});

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';
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
    // ClustersPage renders its own Page and Header.
    noHeader: true,
    loader: () =>
      import('./components/ClustersPage').then(m => <m.ClustersPage />),
  },
});

const clusterAnnotationPath =
  `metadata.annotations.${KUBE_PLATFORM_ANNOTATIONS.cluster}` as const;

// Same entities as isKubePlatformClusterAvailable, as a predicate the app config can override.
const clusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: {
      $all: [
        { kind: 'resource' },
        {
          $any: [
            { 'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE },
            {
              [clusterAnnotationPath]: { $exists: true },
            },
          ],
        },
      ],
    },
    loader: () =>
      import('./components/EntityClusterCard').then(m => (
        <m.EntityClusterCard />
      )),
  },
});

/** The Kube Platform frontend plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kube-platform',
  extensions: [kubePlatformApi, clustersPage, clusterCard],
  routes: { clusters: convertLegacyRouteRef(clustersRouteRef) },
});

import type { LocalCluster } from './localCluster';

/**
 * `kubePlatform.clusters` registering local clusters, as `scripts/clusters up`
 * writes it: the first cluster is the host, all owned by the platform team.
 */
export function kubePlatformClustersConfig(clusters: LocalCluster[]) {
  return clusters.map((c, i) => ({
    name: c.name,
    url: c.server,
    caData: c.caData,
    auth: { provider: 'serviceAccount', token: c.adminToken },
    labels: c.labels,
    owner: 'group:default/platform-team',
    host: i === 0,
  }));
}

/** The stock Kubernetes plugin's config locator for the same clusters. */
export function stockKubernetesConfig(clusters: LocalCluster[]) {
  return {
    serviceLocatorMethod: { type: 'multiTenant' },
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: clusters.map(c => ({
          name: c.name,
          url: c.server,
          authProvider: 'serviceAccount',
          serviceAccountToken: c.adminToken,
          caData: c.caData,
          // Local clusters run no metrics-server.
          skipMetricsLookup: true,
        })),
      },
    ],
  };
}

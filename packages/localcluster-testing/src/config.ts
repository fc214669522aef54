import type { LocalCluster } from './localCluster';

/**
 * `kubePlatform.clusters` registering local clusters, as `scripts/clusters up`
 * writes it: the first cluster is the host, all owned by the platform team.
 * The backend authenticates as its least-privilege ServiceAccount, never as admin.
 */
export function kubePlatformClustersConfig(clusters: LocalCluster[]) {
  return clusters.map((c, i) => ({
    name: c.name,
    url: c.server,
    caData: c.caData,
    auth: { provider: 'serviceAccount', token: c.platformToken },
    labels: c.labels,
    owner: 'group:default/platform-team',
    host: i === 0,
  }));
}

/** The stock Kubernetes plugin's config locator for the same clusters, with its read-only ServiceAccount. */
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
          serviceAccountToken: c.stockReaderToken,
          caData: c.caData,
          // Pod usage from metrics.k8s.io, which local clusters serve unless
          // started with --metrics=false.
          skipMetricsLookup: !c.metrics,
        })),
      },
    ],
  };
}

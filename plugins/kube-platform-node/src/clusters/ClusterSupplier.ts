import type { ClusterConnection } from '../clusterConfig';

/**
 * A source of clusters besides `kubePlatform.clusters`: a cloud inventory, a
 * Cluster API management cluster, a vcluster list. Its connections are
 * validated like configured ones; the registry adds, replaces and removes
 * clusters to match what it last returned.
 */
export interface KubePlatformClusterSupplier {
  /** Unique id, such as `capi`; names the supplier in logs and refusals. */
  id: string;
  /** The clusters now: read at start-up, on every poll and after each `subscribe` signal. A rejection keeps the previous clusters. */
  getClusters(): Promise<ClusterConnection[]>;
  /**
   * Optional push: the supplier calls `onChange` when its clusters changed, so
   * they are read at once rather than at the next poll. Returns an unsubscribe function.
   */
  subscribe?(onChange: () => void): () => void;
}

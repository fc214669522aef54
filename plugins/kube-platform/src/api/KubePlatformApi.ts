import { createApiRef } from '@backstage/core-plugin-api';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';

/** Client for the Kube Platform backend. */
export interface KubePlatformApi {
  /** Every registered cluster the user may see, with live health, capacity and cache freshness. */
  listClusters(): Promise<ClusterStatus[]>;
  /** One registered cluster, or `undefined` when none has that name. */
  getCluster(name: string): Promise<ClusterStatus | undefined>;
}

/** API reference for {@link KubePlatformApi}. */
export const kubePlatformApiRef = createApiRef<KubePlatformApi>({
  id: 'plugin.kube-platform.service',
});

import { StatusOK, StatusWarning } from '@backstage/core-components';
import type { ClusterCacheStatus } from '@kube-platform/plugin-kube-platform-common';
import { formatAge, newestCacheEventTime } from './format';

/** Whether a cluster's watch cache has synced, and how long ago it last heard from the cluster. */
export function CacheFreshnessIndicator(props: { cache: ClusterCacheStatus }) {
  const lastEvent = `last event ${formatAge(
    newestCacheEventTime(props.cache),
  )}`;
  return props.cache.synced ? (
    <StatusOK>Synced, {lastEvent}</StatusOK>
  ) : (
    <StatusWarning>Not synced, {lastEvent}</StatusWarning>
  );
}

import type { ClusterCacheStatus } from '@kube-platform/plugin-kube-platform-common';
import { formatAge } from './format';

/** One line per watched kind of a cluster's cache: object count, sync state, last event and error. */
export function CacheWatchDetails(props: { cache: ClusterCacheStatus }) {
  return (
    <>
      {Object.entries(props.cache.resources).map(([kind, watch]) => (
        <div key={kind}>
          {kind}: {watch.count}, {watch.synced ? 'synced' : 'not synced'}, last
          event {formatAge(watch.lastEventTime)}
          {watch.lastError ? ` (${watch.lastError})` : ''}
        </div>
      ))}
    </>
  );
}

import type { ClusterCacheStatus } from '@kube-platform/plugin-kube-platform-common';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago an ISO time was, compactly: `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`. */
export function formatAge(
  isoTime: string | undefined,
  now: number = Date.now(),
): string {
  if (!isoTime) {
    return 'never';
  }
  const elapsed = now - Date.parse(isoTime);
  if (Number.isNaN(elapsed)) {
    return 'unknown';
  }
  if (elapsed < 5 * SECOND) {
    return 'just now';
  }
  if (elapsed < MINUTE) {
    return `${Math.floor(elapsed / SECOND)}s ago`;
  }
  if (elapsed < HOUR) {
    return `${Math.floor(elapsed / MINUTE)}m ago`;
  }
  if (elapsed < DAY) {
    return `${Math.floor(elapsed / HOUR)}h ago`;
  }
  return `${Math.floor(elapsed / DAY)}d ago`;
}

/** A quota-to-allocatable ratio as `1.50×`, or `n/a` when the cluster has no allocatable capacity. */
export function formatOvercommit(ratio: number | undefined): string {
  return ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}×`;
}

/** True when tenants were promised more than the cluster's Ready nodes can allocate. */
export function isOvercommitted(ratio: number | undefined): boolean {
  return ratio !== undefined && ratio > 1;
}

/** The most recent event any watch of the cluster's cache has seen, or `undefined` when none has. */
export function newestCacheEventTime(
  cache: ClusterCacheStatus,
): string | undefined {
  const times = Object.values(cache.resources)
    .map(watch => watch.lastEventTime)
    .filter((time): time is string => time !== undefined);
  if (times.length === 0) {
    return undefined;
  }
  return times.reduce((newest, time) =>
    Date.parse(time) > Date.parse(newest) ? time : newest,
  );
}

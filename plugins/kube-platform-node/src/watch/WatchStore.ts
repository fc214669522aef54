import type { WatchFreshness } from '@kube-platform/plugin-kube-platform-common';

/** Freshness of one watched kind, with the counters that explain it. */
export interface ReflectorStatus extends WatchFreshness {
  /**
   * False from the first failure (stream error, refused connection, failed
   * list, silent watch) until the next complete list; `lastError` says why.
   * `lastEventTime` is when the server last vouched for the cache: a
   * completed list, an event, or a bookmark.
   */
  synced: boolean;
  /** The resourceVersion the next watch resumes from. */
  resourceVersion?: string;
  /** When the last complete list replaced the cache. */
  lastListTime?: string;
  /** Complete lists so far: the first, and one after each 410 or failure. */
  relists: number;
  /** 410 Gone answers seen: an expired watch resourceVersion or list continue token. */
  expired: number;
  /** BOOKMARK events received. */
  bookmarks: number;
  /** Failures since the last complete list; 0 while healthy. */
  failures: number;
}

/** Read access to the trimmed objects of one kind in one cluster. */
export interface WatchStore<T> {
  /** Every cached object. */
  list(): T[];
  /** Whether the cache is in sync, how fresh it is, and the last error. */
  status(): ReflectorStatus;
  /** Calls `listener` after every change to the objects; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

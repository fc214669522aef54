import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { ClusterRegistry } from '../clusterRegistry';
import { ClusterWatchCache } from './ClusterWatchCache';
import type { ReflectorOptions } from './Reflector';
import {
  createWatchedKindRegistry,
  type WatchedKindRegistry,
} from './WatchedKindRegistry';

/** Watch caches for every registered cluster; features read from here, never fan out. */
export interface ClusterCacheService {
  /** The cache of one cluster; throws `NotFoundError` for an unknown cluster. */
  forCluster(name: string): ClusterWatchCache;
  /**
   * Seals the watched kinds and starts every cluster's watches (idempotent).
   * Does not wait for unreachable clusters beyond their first list attempt.
   */
  start(): Promise<void>;
  stop(): void;
}

/** Creates one {@link ClusterWatchCache} per registered cluster, watching the registered kinds. */
export function createClusterCacheService(deps: {
  clusterRegistry: ClusterRegistry;
  logger: LoggerService;
  /** The kinds to watch; only the built-in ones when omitted. */
  watchedKinds?: WatchedKindRegistry;
  reflectorOptions?: ReflectorOptions;
}): ClusterCacheService {
  const kinds = deps.watchedKinds ?? createWatchedKindRegistry();
  const caches = new Map<string, ClusterWatchCache>();
  for (const cluster of deps.clusterRegistry.listClusters()) {
    caches.set(
      cluster.name,
      new ClusterWatchCache(
        deps.clusterRegistry.getKubeConfig(cluster.name),
        kinds,
        deps.logger.child({ cluster: cluster.name }),
        deps.reflectorOptions,
      ),
    );
  }
  let started: Promise<void> | undefined;
  return {
    forCluster(name) {
      const cache = caches.get(name);
      if (!cache) {
        throw new NotFoundError(`No registered cluster named '${name}'`);
      }
      return cache;
    },
    start() {
      kinds.seal();
      started ??= Promise.all([...caches.values()].map(c => c.start())).then(
        () => undefined,
      );
      return started;
    },
    stop() {
      for (const cache of caches.values()) cache.stop();
      started = undefined;
    },
  };
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ClusterRegistry,
  ClusterRegistryChange,
} from '../clusterRegistry';
import { ClusterWatchCache } from './ClusterWatchCache';
import type { ReflectorOptions } from './Reflector';
import {
  createWatchedKindRegistry,
  type WatchedKindRegistry,
} from './WatchedKindRegistry';

/** Watch caches for every registered cluster; features read from here, never fan out. */
export interface ClusterCacheService {
  /** The cache of one cluster; throws `NotFoundError` for an unknown or removed cluster. */
  forCluster(name: string): ClusterWatchCache;
  /**
   * Seals the watched kinds and starts every cluster's watches (idempotent).
   * Does not wait for unreachable clusters beyond their first list attempt.
   * Clusters added to the registry later start watching when added, and
   * removed ones stop.
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
  let started: Promise<void> | undefined;

  function createCache(name: string): ClusterWatchCache {
    const cache = new ClusterWatchCache(
      deps.clusterRegistry.getKubeConfig(name),
      kinds,
      deps.logger.child({ cluster: name }),
      deps.reflectorOptions,
    );
    caches.set(name, cache);
    return cache;
  }

  function follow({ added, removed }: ClusterRegistryChange) {
    for (const name of removed) {
      caches.get(name)?.stop();
      caches.delete(name);
    }
    for (const { name } of added) {
      const cache = createCache(name);
      // A cluster added after start watches at once; unreachable ones retry in the background.
      if (started) void cache.start();
    }
    if (added.length > 0 || removed.length > 0) {
      deps.logger.info('Cluster caches follow the registry', {
        added: added.map(c => c.name).join(','),
        removed: removed.join(','),
      });
    }
  }

  for (const cluster of deps.clusterRegistry.listClusters()) {
    createCache(cluster.name);
  }
  deps.clusterRegistry.onChange(follow);

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

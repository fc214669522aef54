import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { ClusterCacheStatus } from '@kube-platform/plugin-kube-platform-common';
import type { KubeConfig } from '@kubernetes/client-node';
import { namespacesKind, nodesKind, resourceQuotasKind } from './builtinKinds';
import { Reflector, type ReflectorOptions } from './Reflector';
import type { CachedNamespace, CachedNode, CachedResourceQuota } from './trim';
import { collectionPath, type WatchedKind } from './WatchedKind';
import type { WatchedKindRegistry } from './WatchedKindRegistry';
import type { ReflectorStatus, WatchStore } from './WatchStore';

/** Freshness of a cluster's cache: the built-in kinds, and every registered kind by id. */
export interface WatchCacheStatus extends ClusterCacheStatus {
  resources: ClusterCacheStatus['resources'] & Record<string, ReflectorStatus>;
}

/** Every registered kind of one cluster, kept current by watches. */
export class ClusterWatchCache {
  private readonly reflectors = new Map<string, Reflector<unknown>>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly kinds: WatchedKindRegistry,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions = {},
  ) {}

  /** Namespaces, trimmed. */
  get namespaces(): WatchStore<CachedNamespace> {
    return this.get(namespacesKind);
  }

  /** ResourceQuotas of every namespace, trimmed. */
  get resourceQuotas(): WatchStore<CachedResourceQuota> {
    return this.get(resourceQuotasKind);
  }

  /** Nodes, trimmed. */
  get nodes(): WatchStore<CachedNode> {
    return this.get(nodesKind);
  }

  /**
   * The store of any registered kind, by definition (typed by its `trim`) or
   * by id. Throws `NotFoundError` for an unregistered id.
   */
  get<T>(kind: WatchedKind<T> | string): WatchStore<T> {
    return this.reflector(kind) as WatchStore<T>;
  }

  /** Starts every registered kind's watch; resolves once each made its first list attempt. */
  async start(): Promise<void> {
    await Promise.all(
      this.kinds.listKinds().map(kind => this.reflector(kind).start()),
    );
  }

  /** Stops every watch; the cached objects stay readable. */
  stop(): void {
    for (const reflector of this.reflectors.values()) reflector.stop();
  }

  /** Freshness of each watched kind; synced when every kind is. */
  status(): WatchCacheStatus {
    const resources = Object.fromEntries(
      this.kinds
        .listKinds()
        .map(kind => [kind.id, this.reflector(kind).status()]),
    ) as WatchCacheStatus['resources'];
    return {
      synced: Object.values(resources).every(r => r.synced),
      resources,
    };
  }

  private reflector(kind: WatchedKind<any> | string): Reflector<unknown> {
    const id = typeof kind === 'string' ? kind : kind.id;
    const registered = this.kinds.getKind(id);
    if (typeof kind !== 'string' && kind !== registered) {
      throw new ConflictError(
        `Watched kind '${id}' is registered with another definition`,
      );
    }
    let reflector = this.reflectors.get(id);
    if (!reflector) {
      reflector = new Reflector(
        this.kubeConfig,
        {
          path: collectionPath(registered),
          trim: registered.trim,
          labelSelector: registered.labelSelector,
          fieldSelector: registered.fieldSelector,
          pageSize: registered.pageSize,
        },
        this.logger.child({ kind: id }),
        this.options,
      );
      this.reflectors.set(id, reflector);
    }
    return reflector;
  }
}

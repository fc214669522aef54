import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { Watch } from '@kubernetes/client-node';
import type { WatchFreshness } from '@kube-platform/plugin-kube-platform-common';

/** How a reflector lists and identifies one kind of object. */
export interface ReflectorSource<TRaw extends KubernetesObject, TCached> {
  /** Watch path, e.g. `/api/v1/namespaces`. */
  path: string;
  /** Lists every object with the typed client; returns items and the list's resourceVersion. */
  list(): Promise<{ items: TRaw[]; resourceVersion?: string }>;
  trim(raw: TRaw): TCached;
}

/** Backoff between reconnects: 0.5 s doubling to 30 s, reset by a successful list. */
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

function keyOf(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : obj.metadata?.name ?? '';
}

/**
 * List + watch for one kind on one cluster, keeping trimmed copies. Re-lists on
 * `410 Gone` (expired resourceVersion) and reconnects with exponential backoff on
 * any other failure, so a cluster outage heals by itself.
 */
export class Reflector<TRaw extends KubernetesObject, TCached> {
  private readonly objects = new Map<string, TCached>();
  private resourceVersion?: string;
  private controller?: AbortController;
  private retryTimer?: NodeJS.Timeout;
  private backoffMs = INITIAL_BACKOFF_MS;
  private stopped = true;
  private freshness: WatchFreshness = { synced: false, count: 0 };
  private readonly listeners = new Set<() => void>();

  private readonly watcher: Pick<Watch, 'watch'>;

  constructor(
    kubeConfig: KubeConfig,
    private readonly source: ReflectorSource<TRaw, TCached>,
    private readonly logger: LoggerService,
    // Tests inject a watcher to produce failures a live cluster will not (410 Gone).
    watcher?: Pick<Watch, 'watch'>,
  ) {
    this.watcher = watcher ?? new Watch(kubeConfig);
  }

  /** Starts listing and watching; resolves after the first list attempt. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listAndWatch();
  }

  /** Stops watching; the cached objects stay readable. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.controller?.abort();
    this.controller = undefined;
  }

  /** Every cached object. */
  list(): TCached[] {
    return [...this.objects.values()];
  }

  /** Whether the initial list completed, when the last event arrived, and the last error. */
  status(): WatchFreshness {
    return { ...this.freshness, count: this.objects.size };
  }

  /** Calls `listener` after every change to the cache; returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private touch() {
    this.freshness.lastEventTime = new Date().toISOString();
    for (const listener of this.listeners) listener();
  }

  private async listAndWatch(): Promise<void> {
    if (this.stopped) return;
    try {
      const { items, resourceVersion } = await this.source.list();
      this.objects.clear();
      for (const item of items) {
        this.objects.set(keyOf(item), this.source.trim(item));
      }
      this.resourceVersion = resourceVersion;
      this.freshness = {
        ...this.freshness,
        synced: true,
        lastError: undefined,
      };
      this.backoffMs = INITIAL_BACKOFF_MS;
      this.touch();
    } catch (error) {
      this.fail(error);
      return;
    }
    await this.watch();
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    this.controller = await this.watcher.watch(
      this.source.path,
      { resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (phase, obj) => this.handleEvent(phase, obj),
      err => this.handleDone(err),
    );
  }

  private handleEvent(phase: string, obj: any) {
    switch (phase) {
      case 'ADDED':
      case 'MODIFIED':
        this.objects.set(keyOf(obj), this.source.trim(obj));
        break;
      case 'DELETED':
        this.objects.delete(keyOf(obj));
        break;
      case 'BOOKMARK':
        this.resourceVersion =
          obj?.metadata?.resourceVersion ?? this.resourceVersion;
        return;
      case 'ERROR':
        // A Status object; 410 means our resourceVersion expired: list afresh.
        if (obj?.code === 410) {
          this.resourceVersion = undefined;
        }
        return;
      default:
        return;
    }
    this.resourceVersion =
      obj?.metadata?.resourceVersion ?? this.resourceVersion;
    this.touch();
  }

  private handleDone(err: any) {
    this.controller = undefined;
    if (this.stopped) return;
    if (!err) {
      // The server closed the watch (timeout): resume from where we were.
      void this.watch().catch(e => this.fail(e));
      return;
    }
    if (err.statusCode === 410 || err.code === 410) {
      this.resourceVersion = undefined;
      void this.listAndWatch();
      return;
    }
    this.fail(err);
  }

  private fail(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    this.freshness = { ...this.freshness, lastError: message };
    this.logger.debug('Watch failed; retrying', {
      path: this.source.path,
      error: message,
      retryInMs: this.backoffMs,
    });
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => void this.listAndWatch(),
      this.backoffMs,
    );
    this.retryTimer.unref?.();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}

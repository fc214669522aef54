import type { LoggerService } from '@backstage/backend-plugin-api';
import type { KubeConfig } from '@kubernetes/client-node';
import { Backoff, type BackoffOptions, DEFAULT_BACKOFF } from './Backoff';
import { listAllPages, type PagedList } from './listPages';
import {
  errorMessage,
  isGone,
  type KubernetesStatus,
  statusError,
} from './watchErrors';
import type { ReflectorStatus, WatchStore } from './WatchStore';
import { createWatchTransport, type WatchTransport } from './WatchTransport';

/** What a reflector lists and watches, and how it trims each object. */
export interface ReflectorSource<T> {
  /** Collection path, e.g. `/api/v1/namespaces`; watched with `?watch=true`. */
  path: string;
  trim(raw: any): T;
  labelSelector?: string;
  fieldSelector?: string;
  /** Objects per list page (default 500). */
  pageSize?: number;
}

/** Tuning and test seams of a {@link Reflector}. */
export interface ReflectorOptions {
  /** Talks to the API server; tests pass a scripted one. */
  transport?: WatchTransport;
  backoff?: Partial<BackoffOptions>;
  /** Source of jitter (default `Math.random`). */
  random?: () => number;
  /**
   * Server-side watch timeout. Default: random 300–600 s, like client-go, so
   * the watches of many caches do not all renew at once. The API server sends
   * a bookmark 2 s before it (and about every minute) when its resourceVersion
   * moved past ours, which keeps a quiet kind fresh.
   */
  watchTimeoutSeconds?: number;
  /** Silence past the watch timeout after which the watch counts as hung (default 30 s). */
  silenceGraceMs?: number;
  /** Bound of one list page request (default 30 s). */
  listTimeoutMs?: number;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_SILENCE_GRACE_MS = 30_000;

function objectKey(obj: any): string {
  const ns = obj?.metadata?.namespace;
  const name = obj?.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/**
 * List + watch of one kind on one cluster, keeping trimmed copies.
 *
 * Lists in pages, then watches from the list's resourceVersion with
 * bookmarks. On `410 Gone` (an ERROR event or response: the resourceVersion
 * predates the server's history) it lists again and replaces the whole
 * cache, so objects deleted in the gap disappear. Any other failure marks the
 * cache unsynced and re-lists after an exponential, jittered backoff.
 */
export class Reflector<T> implements WatchStore<T> {
  private readonly objects = new Map<string, T>();
  private readonly listeners = new Set<() => void>();
  private readonly transport: WatchTransport;
  private readonly backoff: Backoff;
  private readonly stats: Omit<ReflectorStatus, 'count' | 'resourceVersion'> = {
    synced: false,
    relists: 0,
    expired: 0,
    bookmarks: 0,
    failures: 0,
  };
  private resourceVersion?: string;
  /** Bumped whenever the running list or watch is superseded; older callbacks are ignored. */
  private generation = 0;
  private running = false;
  private paused = false;
  private watchAbort?: AbortController;
  private listAbort?: AbortController;
  private errorStatus?: KubernetesStatus;
  private retryTimer?: NodeJS.Timeout;
  private silenceTimer?: NodeJS.Timeout;
  private silenceLimitMs = 0;

  constructor(
    kubeConfig: KubeConfig,
    private readonly source: ReflectorSource<T>,
    private readonly logger: LoggerService,
    private readonly options: ReflectorOptions = {},
  ) {
    this.transport =
      options.transport ??
      createWatchTransport(kubeConfig, {
        listTimeoutMs: options.listTimeoutMs,
      });
    this.backoff = new Backoff(
      { ...DEFAULT_BACKOFF, ...options.backoff },
      options.random,
    );
  }

  /** Starts listing and watching; resolves after the first list attempt. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.paused = false;
    await this.relist();
  }

  /** Stops watching; the cached objects stay readable. */
  stop(): void {
    this.running = false;
    this.paused = false;
    this.supersede();
  }

  /**
   * Test hook: halts the watch as if the connection stalled, keeping the
   * objects and the resourceVersion, so a test can let that version expire.
   */
  pauseWatch(): void {
    this.paused = true;
    this.supersede();
  }

  /** Test hook: watches again from the resourceVersion held since {@link Reflector.pauseWatch}. */
  resumeWatch(): void {
    if (!this.paused) return;
    this.paused = false;
    this.openWatch();
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  status(): ReflectorStatus {
    return {
      ...this.stats,
      resourceVersion: this.resourceVersion,
      count: this.objects.size,
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private supersede() {
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.watchAbort?.abort();
    this.listAbort?.abort();
    this.watchAbort = undefined;
    this.listAbort = undefined;
    this.errorStatus = undefined;
  }

  private async relist(): Promise<void> {
    this.supersede();
    const generation = this.generation;
    const abort = new AbortController();
    this.listAbort = abort;
    const { path, labelSelector, fieldSelector } = this.source;
    let list: PagedList<any>;
    try {
      list = await listAllPages(
        page =>
          this.transport.listPage(
            path,
            { ...page, labelSelector, fieldSelector },
            abort.signal,
          ),
        {
          limit: this.source.pageSize ?? DEFAULT_PAGE_SIZE,
          onExpired: () => this.stats.expired++,
        },
      );
    } catch (error) {
      if (generation === this.generation) this.fail(error);
      return;
    }
    if (generation !== this.generation) return;
    this.listAbort = undefined;
    try {
      this.replace(list.items, list.resourceVersion);
    } catch (error) {
      // A trim that throws on an object it did not expect.
      this.fail(error);
      return;
    }
    this.openWatch();
  }

  private replace(items: any[], resourceVersion: string | undefined) {
    this.objects.clear();
    for (const item of items) {
      this.objects.set(objectKey(item), this.source.trim(item));
    }
    this.resourceVersion = resourceVersion;
    if (this.stats.failures > 0) {
      this.logger.info('Watch recovered', {
        path: this.source.path,
        failures: this.stats.failures,
      });
    }
    const now = new Date().toISOString();
    Object.assign(this.stats, {
      synced: true,
      lastError: undefined,
      lastListTime: now,
      lastEventTime: now,
      failures: 0,
    });
    this.stats.relists++;
    this.backoff.reset();
    this.notify();
  }

  private openWatch() {
    if (!this.running || this.paused) return;
    this.supersede();
    const generation = this.generation;
    const isCurrent = () => generation === this.generation;
    const timeoutSeconds =
      this.options.watchTimeoutSeconds ??
      Math.floor(300 * (1 + (this.options.random ?? Math.random)()));
    this.silenceLimitMs =
      timeoutSeconds * 1000 +
      (this.options.silenceGraceMs ?? DEFAULT_SILENCE_GRACE_MS);
    this.armSilenceTimer();
    const { path, labelSelector, fieldSelector } = this.source;
    this.transport
      .watch(
        path,
        {
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
          labelSelector,
          fieldSelector,
        },
        (type, object) => {
          if (isCurrent()) this.onEvent(type, object);
        },
        error => {
          if (isCurrent()) this.onWatchEnd(error);
        },
      )
      .then(
        abort => {
          if (isCurrent()) this.watchAbort = abort;
          else abort.abort();
        },
        error => {
          if (isCurrent()) this.fail(error);
        },
      );
  }

  private onEvent(type: string, object: any) {
    this.stats.lastEventTime = new Date().toISOString();
    this.armSilenceTimer();
    switch (type) {
      case 'ADDED':
      case 'MODIFIED':
        this.objects.set(objectKey(object), this.source.trim(object));
        break;
      case 'DELETED':
        this.objects.delete(objectKey(object));
        break;
      case 'BOOKMARK':
        // Only the resourceVersion moves: the objects are untouched.
        this.stats.bookmarks++;
        this.advance(object);
        return;
      case 'ERROR':
        // A Status; the server closes the stream next, and onWatchEnd acts on it.
        this.errorStatus = object ?? {};
        return;
      default:
        return;
    }
    this.advance(object);
    this.notify();
  }

  private advance(object: any) {
    this.resourceVersion =
      object?.metadata?.resourceVersion ?? this.resourceVersion;
  }

  private onWatchEnd(error: unknown) {
    const status = this.errorStatus;
    this.errorStatus = undefined;
    this.watchAbort = undefined;
    clearTimeout(this.silenceTimer);
    if (isGone(error) || isGone(status)) {
      this.stats.expired++;
      this.logger.info('Watch expired (410 Gone); re-listing', {
        path: this.source.path,
        resourceVersion: this.resourceVersion,
      });
      void this.relist();
      return;
    }
    if (error || status) {
      this.fail(
        error ?? statusError(status?.code ?? 500, status, 'Watch failed'),
      );
      return;
    }
    // The server ended the watch at timeoutSeconds: resume where we were.
    this.openWatch();
  }

  private fail(error: unknown) {
    const wasSynced = this.stats.synced;
    const message = errorMessage(error);
    Object.assign(this.stats, { synced: false, lastError: message });
    this.stats.failures++;
    this.supersede();
    if (!this.running || this.paused) return;
    const retryInMs = this.backoff.next();
    const fields = { path: this.source.path, error: message, retryInMs };
    if (wasSynced)
      this.logger.warn('Watch failed; re-listing after backoff', fields);
    else
      this.logger.debug(
        'Watch still failing; re-listing after backoff',
        fields,
      );
    this.retryTimer = setTimeout(() => void this.relist(), retryInMs);
    this.retryTimer.unref?.();
  }

  private armSilenceTimer() {
    clearTimeout(this.silenceTimer);
    const generation = this.generation;
    const limitMs = this.silenceLimitMs;
    this.silenceTimer = setTimeout(() => {
      if (generation !== this.generation) return;
      this.fail(
        new Error(
          `The watch of ${this.source.path} stayed silent for ${Math.round(
            limitMs / 1000,
          )} s`,
        ),
      );
    }, limitMs);
    this.silenceTimer.unref?.();
  }
}

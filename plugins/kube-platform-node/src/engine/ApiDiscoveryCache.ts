import type { V1APIResource, V1APIResourceList } from '@kubernetes/client-node';

/** How long a group version's resource list is trusted before it is asked again. */
export const DISCOVERY_TTL_MS = 5 * 60_000;

interface Entry {
  list: Promise<V1APIResourceList>;
  fetchedAt: number;
}

/**
 * The API resources of each group version of one cluster (`GET /apis/<g>/<v>`),
 * shared by every identity that talks to it: discovery does not depend on who
 * asks, so a new tenant identity does not discover again. An entry is asked
 * again after the TTL, when a kind is missing from it (a CRD installed since),
 * and after the API server answered that a resource path does not exist
 * ({@link invalidate}). Concurrent callers share one request.
 */
export class ApiDiscoveryCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {}

  /**
   * The resource of `kind` in `apiVersion`, or `undefined` when the cluster
   * serves no such kind; `fetch` asks the cluster for the whole list (bounded
   * by the caller's request timeout).
   */
  async resource(
    apiVersion: string,
    kind: string,
    fetch: () => Promise<V1APIResourceList>,
  ): Promise<V1APIResource | undefined> {
    const cached = this.fresh(apiVersion);
    if (cached) {
      const found = (await cached.list).resources.find(r => r.kind === kind);
      if (found) return found;
      // Asked again only if nobody has since the list we just read.
      if (this.entries.get(apiVersion) === cached)
        this.entries.delete(apiVersion);
    }
    const list = await this.load(apiVersion, fetch).list;
    return list.resources.find(r => r.kind === kind);
  }

  /** Forgets a group version: its next use asks the cluster. */
  invalidate(apiVersion: string): void {
    this.entries.delete(apiVersion);
  }

  private fresh(apiVersion: string): Entry | undefined {
    const entry = this.entries.get(apiVersion);
    if (!entry) return undefined;
    if (
      this.now() - entry.fetchedAt <
      (this.options.ttlMs ?? DISCOVERY_TTL_MS)
    ) {
      return entry;
    }
    this.entries.delete(apiVersion);
    return undefined;
  }

  private load(
    apiVersion: string,
    fetch: () => Promise<V1APIResourceList>,
  ): Entry {
    const pending = this.fresh(apiVersion);
    if (pending) return pending;
    const entry: Entry = { list: fetch(), fetchedAt: this.now() };
    this.entries.set(apiVersion, entry);
    // A failed request (timeout, 401 of one identity) is not remembered.
    entry.list.catch(() => {
      if (this.entries.get(apiVersion) === entry)
        this.entries.delete(apiVersion);
    });
    return entry;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

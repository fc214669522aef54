import { isGone } from './watchErrors';

/** Query of one list page. */
export interface PageQuery {
  limit: number;
  continue?: string;
}

/** One page of a list response. */
export interface ListPage<TRaw> {
  items: TRaw[];
  /** The list's resourceVersion: every page of one list carries the same snapshot's. */
  resourceVersion?: string;
  /** Token of the next page; absent on the last page. */
  continue?: string;
}

/** A complete list assembled from pages. */
export interface PagedList<TRaw> {
  items: TRaw[];
  resourceVersion?: string;
  /** Pages fetched, including those of abandoned attempts. */
  pages: number;
  /** How often an expired continue token made the list start over. */
  restarts: number;
}

/** Options of {@link listAllPages}. */
export interface ListAllPagesOptions {
  /** Objects per page. */
  limit: number;
  /** Start-overs allowed after expired continue tokens before giving up (default 3). */
  maxRestarts?: number;
  /** Called with the 410 error whenever a continue token expired. */
  onExpired?(error: unknown): void;
}

/**
 * Lists a collection page by page, following `continue` tokens, so that a
 * large kind never arrives as one huge response. A continue token expires
 * (410 Gone) when the server compacted the snapshot it points into; the list
 * then starts over from the first page, because pages from two snapshots
 * would not make a consistent whole.
 */
export async function listAllPages<TRaw>(
  fetchPage: (query: PageQuery) => Promise<ListPage<TRaw>>,
  options: ListAllPagesOptions,
): Promise<PagedList<TRaw>> {
  const maxRestarts = options.maxRestarts ?? 3;
  let pages = 0;
  for (let restarts = 0; ; restarts++) {
    const items: TRaw[] = [];
    let token: string | undefined;
    try {
      let page: ListPage<TRaw>;
      do {
        page = await fetchPage({ limit: options.limit, continue: token });
        pages++;
        items.push(...page.items);
        token = page.continue || undefined;
      } while (token);
      return { items, resourceVersion: page.resourceVersion, pages, restarts };
    } catch (error) {
      // Only a continuation can expire; a 410 on the first page is the caller's.
      if (!token || !isGone(error) || restarts >= maxRestarts) throw error;
      options.onExpired?.(error);
    }
  }
}

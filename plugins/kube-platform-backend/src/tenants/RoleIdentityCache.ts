/** Which role identity an entry is: one tenant's role on one cluster. */
export interface RoleIdentityKey {
  cluster: string;
  namespace: string;
  level: string;
  /** A tenant deleted and created again has new ServiceAccounts: its old tokens are not reused. */
  tenantCreatedAt: string;
  expirationSeconds: number;
}

/** A freshly issued credential and when the API server said it expires. */
export interface IssuedIdentity<T> {
  value: T;
  /** Milliseconds since the epoch; `undefined` when the API server did not say. */
  expiresAt?: number;
}

interface Entry<T> {
  key: RoleIdentityKey;
  value: Promise<T>;
  /** After this the next caller gets a new one. */
  refreshAt: number;
  /** The value once issued. */
  issued?: T;
}

/** The share of a token's lifetime during which it is reused: the rest stays for calls made with it. */
export const REUSE_SHARE_OF_LIFETIME = 0.5;

function keyOf(key: RoleIdentityKey): string {
  return JSON.stringify([
    key.cluster,
    key.namespace,
    key.level,
    key.tenantCreatedAt,
    key.expirationSeconds,
  ]);
}

/**
 * Role identities (TokenRequest tokens) reused in memory while they are young:
 * for the first half of a token's lifetime (as the API server set it, capped at
 * what was asked), so a deploy needs at most one token per cluster and every
 * token handed out has at least half its lifetime left. Concurrent callers
 * share one request; a failed request is not remembered. Never stored
 * elsewhere, never logged.
 */
export class RoleIdentityCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached identity of `key` while it is young, else a new one from `issue`. */
  get(
    key: RoleIdentityKey,
    issue: () => Promise<IssuedIdentity<T>>,
  ): Promise<T> {
    const id = keyOf(key);
    const cached = this.entries.get(id);
    if (cached && this.now() < cached.refreshAt) return cached.value;
    this.sweep();
    const issuedAt = this.now();
    const asked = issuedAt + key.expirationSeconds * 1000;
    const entry: Entry<T> = {
      key,
      // Until the server says when it expires, concurrent callers share the request.
      refreshAt: asked,
      value: issue().then(
        issued => {
          const expiresAt = Math.min(issued.expiresAt ?? asked, asked);
          entry.refreshAt =
            issuedAt + (expiresAt - issuedAt) * REUSE_SHARE_OF_LIFETIME;
          entry.issued = issued.value;
          return issued.value;
        },
        error => {
          if (this.entries.get(id) === entry) this.entries.delete(id);
          throw error;
        },
      ),
    };
    this.entries.set(id, entry);
    return entry.value;
  }

  /** Drops every identity that `matches` (a deleted tenant, a removed cluster). */
  forget(matches: (key: RoleIdentityKey) => boolean): void {
    for (const [id, entry] of this.entries) {
      if (matches(entry.key)) this.entries.delete(id);
    }
  }

  /**
   * Drops `value` if it is still the identity held for `key` (the API server
   * refused it: its ServiceAccount was deleted and created again); a newer one stays.
   */
  refuse(key: RoleIdentityKey, value: T): void {
    const id = keyOf(key);
    if (this.entries.get(id)?.issued === value) this.entries.delete(id);
  }

  /** How many identities are held (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private sweep() {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (now >= entry.refreshAt) this.entries.delete(id);
    }
  }
}

import { ConflictError, NotFoundError } from '@backstage/errors';
import { BUILTIN_WATCHED_KINDS } from './builtinKinds';
import { type WatchedKind, validateWatchedKind } from './WatchedKind';

/**
 * The kinds the cluster caches watch. Kinds are added while the backend
 * initialises; the caches seal the registry when they start, after which the
 * set never changes.
 */
export interface WatchedKindRegistry {
  /**
   * Adds kinds. Adding the same definition twice is a no-op; another
   * definition under a taken id throws `ConflictError`, as does adding after
   * the caches started.
   */
  addKind(...kinds: WatchedKind<any>[]): void;
  /** Every kind, built-in ones first, then in registration order. */
  listKinds(): WatchedKind<unknown>[];
  /** One kind by id; throws `NotFoundError` for an unknown id. */
  getKind(id: string): WatchedKind<unknown>;
  /** Refuses further additions; called by the caches on start. */
  seal(): void;
}

/** Creates a registry holding the built-in kinds (namespaces, resourcequotas, nodes). */
export function createWatchedKindRegistry(): WatchedKindRegistry {
  const kinds = new Map<string, WatchedKind<unknown>>();
  let sealed = false;

  function add(kind: WatchedKind<any>) {
    validateWatchedKind(kind);
    const existing = kinds.get(kind.id);
    if (existing === kind) return;
    if (existing) {
      throw new ConflictError(
        `Watched kind '${kind.id}' is already registered (${existing.apiVersion} ${existing.kind})`,
      );
    }
    if (sealed) {
      throw new ConflictError(
        `Cannot watch kind '${kind.id}': the cluster caches have started; register kinds while the backend initialises`,
      );
    }
    kinds.set(kind.id, kind);
  }

  BUILTIN_WATCHED_KINDS.forEach(add);
  return {
    addKind: (...added) => added.forEach(add),
    listKinds: () => [...kinds.values()],
    getKind(id) {
      const kind = kinds.get(id);
      if (!kind) {
        throw new NotFoundError(`No watched kind '${id}' is registered`);
      }
      return kind;
    },
    seal() {
      sealed = true;
    },
  };
}

import type { ListPage } from '../listPages';
import type { ListQuery, WatchTransport } from '../WatchTransport';

/** One watch the reflector opened; the test drives it. */
export interface ScriptedWatch {
  path: string;
  query: Record<string, unknown>;
  /** Sends an event as the API server would. */
  emit(type: string, object: unknown): void;
  /** Ends the stream: `null` for a clean close (timeoutSeconds), else an error. */
  done(error: unknown): void;
  /** Aborted when the reflector stops or supersedes this watch. */
  abort: AbortController;
}

/** A transport whose lists answer from `list` and whose watches the test drives. */
export function scriptedTransport(
  list: (path: string, query: ListQuery) => Promise<ListPage<unknown>>,
) {
  const watches: ScriptedWatch[] = [];
  const listCalls: Array<{ path: string; query: ListQuery }> = [];
  const transport: WatchTransport = {
    listPage: async (path, query) => {
      listCalls.push({ path, query });
      return list(path, query);
    },
    watch: async (path, query, onEvent, onDone) => {
      const abort = new AbortController();
      watches.push({ path, query, emit: onEvent, done: onDone, abort });
      return abort;
    },
  };
  return {
    transport,
    watches,
    listCalls,
    /** The most recent watch. */
    lastWatch: () => watches[watches.length - 1],
  };
}

/** A namespace-like object with a name and resourceVersion. */
export const obj = (
  name: string,
  resourceVersion: string,
  namespace?: string,
) => ({
  metadata: { name, namespace, resourceVersion },
});

/** Resolves after pending promise callbacks ran. */
export const flush = () => new Promise(resolve => setImmediate(resolve));

/** A 410 Gone error as client-node's Watch reports a non-200 answer. */
export const goneError = () =>
  Object.assign(new Error('Gone'), { statusCode: 410 });

/** The Status a real API server sends in an ERROR event for an expired resourceVersion. */
export const expiredStatus = {
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  message: 'The resourceVersion for the provided watch is too old.',
  reason: 'Expired',
  code: 410,
};

import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import { Reflector } from './Reflector';

type Obj = { metadata: { name: string; resourceVersion?: string } };
type WatchCall = {
  query: Record<string, unknown>;
  emit: (phase: string, obj: unknown) => void;
  done: (err: unknown) => void;
};

/** A scripted watcher and lister, to produce what a live cluster rarely does on demand. */
function scripted(
  lists: Array<() => Promise<{ items: Obj[]; resourceVersion?: string }>>,
) {
  const watches: WatchCall[] = [];
  let listCalls = 0;
  const reflector = new Reflector<Obj, string>(
    new KubeConfig(),
    {
      path: '/api/v1/namespaces',
      list: () => lists[Math.min(listCalls++, lists.length - 1)](),
      trim: obj => obj.metadata.name,
    },
    mockServices.logger.mock(),
    {
      watch: async (_path, query, callback, done) => {
        watches.push({ query, emit: callback, done });
        return new AbortController();
      },
    },
  );
  return { reflector, watches, listCalls: () => listCalls };
}

const ns = (name: string, rv: string) => ({
  metadata: { name, resourceVersion: rv },
});
const flush = () => new Promise(resolve => setImmediate(resolve));

describe('Reflector', () => {
  afterEach(() => jest.useRealTimers());

  it('lists, then watches from the list resourceVersion and applies events', async () => {
    const { reflector, watches } = scripted([
      async () => ({ items: [ns('a', '5')], resourceVersion: '10' }),
    ]);
    await reflector.start();
    expect(reflector.list()).toEqual(['a']);
    expect(watches[0].query).toMatchObject({
      resourceVersion: '10',
      allowWatchBookmarks: true,
    });
    watches[0].emit('ADDED', ns('b', '11'));
    watches[0].emit('DELETED', ns('a', '12'));
    watches[0].emit('BOOKMARK', { metadata: { resourceVersion: '15' } });
    expect(reflector.list()).toEqual(['b']);
    expect(reflector.status()).toMatchObject({ synced: true, count: 1 });
    // A server-side close resumes from the last seen resourceVersion, without a list.
    watches[0].done(null);
    await flush();
    expect(watches[1].query.resourceVersion).toBe('15');
    reflector.stop();
  });

  it('re-lists from scratch on 410 Gone, dropping objects deleted meanwhile', async () => {
    const { reflector, watches, listCalls } = scripted([
      async () => ({
        items: [ns('a', '5'), ns('b', '6')],
        resourceVersion: '10',
      }),
      async () => ({
        items: [ns('b', '6'), ns('c', '40')],
        resourceVersion: '50',
      }),
    ]);
    await reflector.start();
    watches[0].done(Object.assign(new Error('Gone'), { statusCode: 410 }));
    await flush();
    expect(listCalls()).toBe(2);
    expect(reflector.list().sort()).toEqual(['b', 'c']);
    expect(watches[1].query.resourceVersion).toBe('50');
    reflector.stop();
  });

  it('reconnects with growing backoff after failures and records the last error', async () => {
    jest.useFakeTimers();
    let failures = 2;
    const { reflector, listCalls } = scripted([
      async () => {
        if (failures-- > 0)
          throw new Error('connect ECONNREFUSED 127.0.0.1:16445');
        return { items: [ns('a', '1')], resourceVersion: '2' };
      },
    ]);
    await reflector.start();
    expect(reflector.status()).toMatchObject({
      synced: false,
      lastError: 'connect ECONNREFUSED 127.0.0.1:16445',
    });
    await jest.advanceTimersByTimeAsync(499);
    expect(listCalls()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(listCalls()).toBe(2);
    // The second wait is twice as long.
    await jest.advanceTimersByTimeAsync(999);
    expect(listCalls()).toBe(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(listCalls()).toBe(3);
    expect(reflector.status()).toMatchObject({
      synced: true,
      lastError: undefined,
      count: 1,
    });
    reflector.stop();
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { KubeConfig } from '@kubernetes/client-node';
import type { ListPage } from './listPages';
import { Reflector, type ReflectorOptions } from './Reflector';
import {
  expiredStatus,
  flush,
  goneError,
  obj,
  scriptedTransport,
} from './__testUtils__/scriptedTransport';

type Lister = () => Promise<ListPage<unknown>>;

/** A reflector over a scripted transport; the n-th list answers from `lists[n]` (the last repeats). */
function scripted(lists: Lister[], options: ReflectorOptions = {}) {
  let listCalls = 0;
  const script = scriptedTransport(() =>
    lists[Math.min(listCalls++, lists.length - 1)](),
  );
  const reflector = new Reflector<string>(
    new KubeConfig(),
    {
      path: '/api/v1/namespaces',
      trim: (o: any) => o.metadata.name,
      labelSelector: 'team=alpha',
    },
    mockServices.logger.mock(),
    // random 0.5: no jitter, so delays are exact.
    { transport: script.transport, random: () => 0.5, ...options },
  );
  return { reflector, ...script, listCount: () => listCalls };
}

const page = (items: unknown[], resourceVersion: string) => async () => ({
  items,
  resourceVersion,
});
const names = (reflector: Reflector<string>) => reflector.list().sort();

describe('Reflector', () => {
  afterEach(() => jest.useRealTimers());

  it('lists, then watches from the list resourceVersion with bookmarks and applies events', async () => {
    const { reflector, watches, listCalls } = scripted([
      page([obj('a', '5')], '10'),
    ]);
    await reflector.start();
    expect(names(reflector)).toEqual(['a']);
    expect(listCalls[0].query).toMatchObject({
      limit: 500,
      labelSelector: 'team=alpha',
    });
    expect(watches[0].query).toMatchObject({
      resourceVersion: '10',
      allowWatchBookmarks: true,
      labelSelector: 'team=alpha',
    });
    expect(watches[0].query.timeoutSeconds).toBe(450);

    watches[0].emit('ADDED', obj('b', '11'));
    watches[0].emit('MODIFIED', obj('b', '12'));
    watches[0].emit('DELETED', obj('a', '13'));
    expect(names(reflector)).toEqual(['b']);
    expect(reflector.status()).toMatchObject({
      synced: true,
      count: 1,
      resourceVersion: '13',
      relists: 1,
    });
    reflector.stop();
  });

  it('takes a bookmark as freshness and a new resourceVersion, without touching objects', async () => {
    const { reflector, watches, listCount } = scripted([
      page([obj('a', '5')], '10'),
    ]);
    await reflector.start();
    const changes = jest.fn();
    reflector.onChange(changes);
    const listedAt = reflector.status().lastEventTime!;
    await new Promise(resolve => setTimeout(resolve, 5));

    watches[0].emit('BOOKMARK', { metadata: { resourceVersion: '90' } });

    const status = reflector.status();
    expect(status).toMatchObject({ resourceVersion: '90', bookmarks: 1 });
    expect(Date.parse(status.lastEventTime!)).toBeGreaterThan(
      Date.parse(listedAt),
    );
    expect(status.lastListTime).toBe(listedAt);
    expect(names(reflector)).toEqual(['a']);
    expect(changes).not.toHaveBeenCalled();
    // The server closes the watch at timeoutSeconds: resume from the bookmark, no list.
    watches[0].done(null);
    await flush();
    expect(watches[1].query.resourceVersion).toBe('90');
    expect(listCount()).toBe(1);
    reflector.stop();
  });

  it('re-lists and replaces the cache after an ERROR event with 410, as a real server sends it', async () => {
    const { reflector, watches, listCount } = scripted([
      page([obj('a', '5'), obj('b', '6')], '10'),
      page([obj('b', '6'), obj('c', '40')], '50'),
    ]);
    await reflector.start();
    watches[0].emit('ERROR', expiredStatus);
    // Objects stay readable until the new list arrives.
    expect(names(reflector)).toEqual(['a', 'b']);
    watches[0].done(null);
    await flush();

    expect(listCount()).toBe(2);
    // 'a' was deleted while the watch was gone: it disappears.
    expect(names(reflector)).toEqual(['b', 'c']);
    expect(watches[1].query.resourceVersion).toBe('50');
    expect(reflector.status()).toMatchObject({
      synced: true,
      expired: 1,
      relists: 2,
      failures: 0,
    });
    reflector.stop();
  });

  it('re-lists when the watch request itself answers 410', async () => {
    const { reflector, watches, listCount } = scripted([
      page([obj('a', '5')], '10'),
      page([], '60'),
    ]);
    await reflector.start();
    watches[0].done(goneError());
    await flush();
    expect(listCount()).toBe(2);
    expect(names(reflector)).toEqual([]);
    expect(watches[1].query.resourceVersion).toBe('60');
    expect(reflector.status().expired).toBe(1);
    reflector.stop();
  });

  it('turns unsynced on a stream error, keeps the objects, and re-lists after backoff', async () => {
    jest.useFakeTimers();
    const { reflector, watches, listCount } = scripted([
      page([obj('a', '5')], '10'),
      page([obj('a', '5'), obj('b', '20')], '30'),
    ]);
    await reflector.start();
    watches[0].done(new Error('read ECONNRESET'));
    expect(reflector.status()).toMatchObject({
      synced: false,
      lastError: 'read ECONNRESET',
      failures: 1,
    });
    expect(names(reflector)).toEqual(['a']);

    await jest.advanceTimersByTimeAsync(499);
    expect(listCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(listCount()).toBe(2);
    expect(reflector.status()).toMatchObject({
      synced: true,
      lastError: undefined,
      failures: 0,
    });
    expect(names(reflector)).toEqual(['a', 'b']);
    expect(watches[1].query.resourceVersion).toBe('30');
    reflector.stop();
  });

  it('treats an ERROR event other than 410 as a failure', async () => {
    const { reflector, watches } = scripted([page([], '10')]);
    await reflector.start();
    watches[0].emit('ERROR', {
      kind: 'Status',
      code: 500,
      message: 'etcdserver: request timed out',
    });
    watches[0].done(null);
    expect(reflector.status()).toMatchObject({
      synced: false,
      lastError: 'etcdserver: request timed out (500)',
    });
    reflector.stop();
  });

  it('backs off exponentially while the cluster stays down, and resets after a success', async () => {
    jest.useFakeTimers();
    let down = true;
    const { reflector, watches, listCount } = scripted([
      async () => {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:16445');
        return { items: [obj('a', '1')], resourceVersion: '2' };
      },
    ]);
    await reflector.start();
    const t0 = Date.now();
    expect(reflector.status()).toMatchObject({
      synced: false,
      lastError: 'connect ECONNREFUSED 127.0.0.1:16445',
    });
    // Retries after 0.5, 1, 2, 4 s: list attempts at 0, 0.5, 1.5, 3.5, 7.5 s.
    for (const [at, calls] of [
      [499, 1],
      [500, 2],
      [1499, 2],
      [1500, 3],
      [3500, 4],
      [7500, 5],
    ]) {
      await jest.advanceTimersByTimeAsync(at - (Date.now() - t0));
      expect(listCount()).toBe(calls);
    }
    down = false;
    await jest.advanceTimersByTimeAsync(8000);
    expect(listCount()).toBe(6);
    expect(reflector.status()).toMatchObject({ synced: true, count: 1 });

    // After the success the next failure waits 0.5 s again.
    watches[watches.length - 1].done(new Error('socket hang up'));
    await jest.advanceTimersByTimeAsync(500);
    expect(listCount()).toBe(7);
    reflector.stop();
  });

  it('gives up on a watch that stays silent past its timeout, then re-lists', async () => {
    jest.useFakeTimers();
    const { reflector, listCount } = scripted([page([], '10')], {
      watchTimeoutSeconds: 60,
      silenceGraceMs: 5_000,
    });
    await reflector.start();
    await jest.advanceTimersByTimeAsync(64_999);
    expect(reflector.status().synced).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(reflector.status()).toMatchObject({
      synced: false,
      lastError: 'The watch of /api/v1/namespaces stayed silent for 65 s',
    });
    await jest.advanceTimersByTimeAsync(500);
    expect(listCount()).toBe(2);
    reflector.stop();
  });

  it('ignores events and ends of watches it stopped or replaced', async () => {
    const { reflector, watches, listCount } = scripted([page([], '10')]);
    await reflector.start();
    reflector.stop();
    expect(watches[0].abort.signal.aborted).toBe(true);
    watches[0].emit('ADDED', obj('late', '11'));
    watches[0].done(new Error('aborted'));
    await flush();
    expect(reflector.list()).toEqual([]);
    expect(reflector.status()).toMatchObject({ synced: true, failures: 0 });
    expect(listCount()).toBe(1);
  });

  it('resumes a paused watch from the resourceVersion it held', async () => {
    const { reflector, watches, listCount } = scripted([page([], '10')]);
    await reflector.start();
    watches[0].emit('ADDED', obj('a', '11'));
    reflector.pauseWatch();
    expect(watches[0].abort.signal.aborted).toBe(true);
    reflector.resumeWatch();
    expect(watches[1].query.resourceVersion).toBe('11');
    expect(listCount()).toBe(1);
    reflector.stop();
  });
});

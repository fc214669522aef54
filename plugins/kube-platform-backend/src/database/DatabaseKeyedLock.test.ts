import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { performance } from 'node:perf_hooks';
import {
  DatabaseKeyedLock,
  type DatabaseKeyedLockOptions,
} from './DatabaseKeyedLock';
import { LockStore } from './LockStore';

jest.setTimeout(60_000);

// PostgreSQL runs when scripts/test exported its connection string (it always does in CI).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});

type DatabaseId = Parameters<typeof databases.init>[0];

/** Two "replicas": lock instances with their own holder ids and in-process queues. */
async function createReplicas(
  databaseId: DatabaseId,
  options: DatabaseKeyedLockOptions = {},
) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  const logger = mockServices.logger.mock();
  const lock = (holderId: string) =>
    DatabaseKeyedLock.create({ database, logger, holderId, ...options });
  return {
    knex,
    logger,
    store: await LockStore.create({ database }),
    a: await lock('replica-a'),
    b: await lock('replica-b'),
  };
}

type Interval = { key: string; start: number; end: number; waited: number };

/** Runs `fn` under the lock, recording when it held the key and how long it waited. */
async function timed(
  lock: DatabaseKeyedLock,
  key: string,
  holdMs: number,
  intervals: Interval[],
) {
  const asked = performance.now();
  return lock.run(key, async () => {
    const start = performance.now();
    await new Promise(r => setTimeout(r, holdMs));
    intervals.push({
      key,
      start,
      end: performance.now(),
      waited: start - asked,
    });
  });
}

/** Milliseconds during which two runs on the same key overlapped (0 when serialised). */
function overlapMs(intervals: Interval[]): number {
  let total = 0;
  for (const [i, x] of intervals.entries()) {
    for (const y of intervals.slice(i + 1)) {
      if (x.key !== y.key) continue;
      total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    }
  }
  return total;
}

const expired = (knex: Knex, key: string, expiresAt: number) =>
  knex('kube_platform_locks').insert({
    lock_key: key,
    holder: 'crashed-replica',
    token: '00000000-0000-0000-0000-000000000000',
    acquired_at: expiresAt - 30_000,
    expires_at: expiresAt,
  });

describe('DatabaseKeyedLock', () => {
  if (process.env.KUBE_PLATFORM_REQUIRE_POSTGRES) {
    it('runs against PostgreSQL', () => {
      expect(
        databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES')),
      ).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'never runs two holders of one key at once across replicas on %p',
    async databaseId => {
      const { a, b, store } = await createReplicas(databaseId);
      const intervals: Interval[] = [];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          timed(i % 2 ? b : a, 'cluster-1/team-alpha', 20, intervals),
        ),
      );
      expect(intervals).toHaveLength(20);
      expect(overlapMs(intervals)).toBe(0);
      expect(await store.get('cluster-1/team-alpha')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    "hands the key to a waiting replica before its own queue's next on %p",
    async databaseId => {
      const { a, b, store } = await createReplicas(databaseId);
      const order: string[] = [];
      const run = (lock: DatabaseKeyedLock, name: string) =>
        lock.run('cluster-1/turns', async () => {
          order.push(name);
          await new Promise(r => setTimeout(r, 150));
        });
      const queued = [run(a, 'a1'), run(a, 'a2'), run(a, 'a3')];
      await new Promise(r => setTimeout(r, 50));
      queued.push(run(b, 'b1'));
      await Promise.all(queued);
      // Without the hand-over, a would drain its own queue first: a1 a2 a3 b1.
      expect(order).toEqual(['a1', 'b1', 'a2', 'a3']);
      expect(await store.get('cluster-1/turns')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'runs different keys in parallel on %p',
    async databaseId => {
      const { a, b } = await createReplicas(databaseId);
      const intervals: Interval[] = [];
      await Promise.all([
        timed(a, 'cluster-1/one', 300, intervals),
        timed(b, 'cluster-1/two', 300, intervals),
        timed(a, 'cluster-2/one', 300, intervals),
      ]);
      const [first, ...rest] = intervals;
      for (const other of rest) {
        expect(other.start).toBeLessThan(first.end);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "takes over a crashed holder's lease once it has expired on %p",
    async databaseId => {
      const { a, knex, store } = await createReplicas(databaseId);
      await expired(knex, 'cluster-1/stale', Date.now() - 60_000);
      const intervals: Interval[] = [];
      await timed(a, 'cluster-1/stale', 1, intervals);
      expect(intervals[0].waited).toBeLessThan(1_000);

      // A lease that is still live is waited for, then taken over.
      const expiresAt = Date.now() + 1_500;
      await expired(knex, 'cluster-1/dying', expiresAt);
      let ranAt = 0;
      await a.run('cluster-1/dying', async () => {
        ranAt = Date.now();
        expect((await store.get('cluster-1/dying'))?.holder).toBe('replica-a');
      });
      expect(ranAt).toBeGreaterThanOrEqual(expiresAt - 50);
      expect(ranAt - expiresAt).toBeLessThan(1_500);
      expect(await store.get('cluster-1/dying')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'renews the lease while the work runs on %p',
    async databaseId => {
      // A 300 ms lease held for 1.2 s: only renewal keeps replica b out.
      const { a, b } = await createReplicas(databaseId, { leaseMs: 300 });
      const intervals: Interval[] = [];
      const first = timed(a, 'cluster-1/long', 1_200, intervals);
      await new Promise(r => setTimeout(r, 50));
      await Promise.all([first, timed(b, 'cluster-1/long', 1, intervals)]);
      expect(overlapMs(intervals)).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'bounds the wait with a ConflictError, across replicas and in-process, on %p',
    async databaseId => {
      const { a, b } = await createReplicas(databaseId, { waitTimeoutMs: 500 });
      const ran: string[] = [];
      const holder = a.run('cluster-1/busy', async () => {
        await new Promise(r => setTimeout(r, 2_000));
        ran.push('holder');
      });
      await new Promise(r => setTimeout(r, 50));
      const attempt = async (lock: DatabaseKeyedLock, name: string) => {
        const asked = performance.now();
        const error = await lock
          .run('cluster-1/busy', async () => {
            ran.push(name);
          })
          .catch(e => e);
        return { error, waited: performance.now() - asked };
      };
      const [remote, local] = await Promise.all([
        attempt(b, 'other replica'),
        attempt(a, 'same replica'),
      ]);
      for (const { error, waited } of [remote, local]) {
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toMatch(
          /^Another request holds the key 'cluster-1\/busy'; gave up waiting after 0\.\d s/,
        );
        expect(waited).toBeGreaterThanOrEqual(480);
        expect(waited).toBeLessThan(1_500);
      }
      await holder;
      expect(ran).toEqual(['holder']);
    },
  );

  it.each(databases.eachSupportedId())(
    'releases the lease when the work fails on %p',
    async databaseId => {
      const { a, b, store } = await createReplicas(databaseId);
      await expect(
        a.run('cluster-1/failing', async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.get('cluster-1/failing')).toBeUndefined();
      await expect(b.run('cluster-1/failing', async () => 'ok')).resolves.toBe(
        'ok',
      );
    },
  );
});

import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  type ClusterCostSample,
  type CostBucketRow,
  DAY_MS,
  HOUR_MS,
  costSampleKey,
  zeroCostFigures,
} from '@kube-platform/plugin-kube-platform-common';
import { CostStore } from './CostStore';

jest.setTimeout(60_000);

// PostgreSQL runs when its connection string is exported (scripts/postgres, CI).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17', 'POSTGRES_18'],
  disableDocker: true,
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return { knex, store: await CostStore.create({ database }) };
}

const T0 = Date.UTC(2026, 10, 27, 10, 0, 0);

function row(overrides: Partial<CostBucketRow> = {}): CostBucketRow {
  return {
    ...zeroCostFigures(),
    cluster: 'cluster-1',
    namespace: 'shop',
    workload: 'Deployment/web',
    bucketStart: T0,
    labels: { app: 'web', tier: 'front' },
    usageSource: 'metrics',
    cpuCoreHours: 0.5,
    cpuCost: 0.025,
    memoryCost: 0.005,
    totalCost: 0.03,
    usageCost: 0.01,
    meteredCost: 0.03,
    ...overrides,
  };
}

function sample(start: number, rows: CostBucketRow[]): ClusterCostSample {
  return {
    cluster: 'cluster-1',
    interval: { start, end: start + 60_000 },
    idempotencyKey: costSampleKey('cluster-1', start),
    rows,
    idle: {
      cpuCoreHours: 1,
      memoryGiBHours: 2,
      cpuCost: 0.05,
      memoryCost: 0.02,
      totalCost: 0.07,
    },
    unchargedClaims: [],
    measuredPods: 1,
    estimatedPods: 0,
  };
}

const hourWindow = { start: T0, end: T0 + HOUR_MS };

describe('CostStore', () => {
  if (process.env.KUBE_PLATFORM_REQUIRE_POSTGRES) {
    it('runs against PostgreSQL', () => {
      expect(
        databases.eachSupportedId().some(([id]) => id.startsWith('POSTGRES')),
      ).toBe(true);
    });
  }

  it.each(databases.eachSupportedId())(
    'counts a sample written twice once, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const first = sample(T0, [row()]);
      expect(await store.addSample(first, 'metrics')).toBe(true);
      expect(await store.addSample(first, 'metrics')).toBe(false);
      const [stored] = await store.rows('hour', hourWindow);
      expect(stored.totalCost).toBeCloseTo(0.03, 12);
      expect(stored.cpuCoreHours).toBeCloseTo(0.5, 12);
      const [idle] = await store.idle('hour', hourWindow, 'cluster-1');
      expect(idle.totalCost).toBeCloseTo(0.07, 12);
      expect(await store.sampledUntil('cluster-1')).toBe(T0 + 60_000);
      expect(await store.sampledUntil('cluster-2')).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'counts the same interval once when two writers race, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      // Two replicas with their own connections: one wins, the other adds nothing.
      const results = await Promise.all(
        [0, 1, 2].map(() => store.addSample(sample(T0, [row()]), 'metrics')),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await store.rows('hour', hourWindow);
      expect(rows).toHaveLength(1);
      expect(rows[0].totalCost).toBeCloseTo(0.03, 12);
    },
  );

  it.each(databases.eachSupportedId())(
    'adds later samples to the hour and the day with merged labels and sources, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.addSample(sample(T0, [row()]), 'metrics');
      await store.addSample(
        sample(T0 + 60_000, [
          row({ labels: { app: 'web' }, usageSource: 'requests' }),
        ]),
        'requests',
      );
      // Next hour of the same day: a new hourly row, the same daily row.
      await store.addSample(
        sample(T0 + HOUR_MS, [row({ bucketStart: T0 + HOUR_MS })]),
        'metrics',
      );
      const [hour] = await store.rows('hour', hourWindow);
      expect(hour.totalCost).toBeCloseTo(0.06, 12);
      expect(hour.labels).toEqual({ app: 'web' });
      expect(hour.usageSource).toBe('mixed');
      const day = { start: T0 - 10 * HOUR_MS, end: T0 + 14 * HOUR_MS };
      expect(await store.rows('hour', day)).toHaveLength(2);
      const [daily] = await store.rows('day', day);
      expect(daily.bucketStart).toBe(Date.UTC(2026, 10, 27));
      expect(daily.totalCost).toBeCloseTo(0.09, 12);
      const [idleDay] = await store.idle('day', day, 'cluster-1');
      expect(idleDay.totalCost).toBeCloseTo(0.21, 12);
      expect(
        (await store.samples(day)).map(s => [s.start, s.usageSource]),
      ).toEqual([
        [T0, 'metrics'],
        [T0 + 60_000, 'requests'],
        [T0 + HOUR_MS, 'metrics'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records gaps once, advances past them, and prunes by retention, on %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.addSample(sample(T0, [row()]), 'metrics');
      const gap = {
        cluster: 'cluster-1',
        from: T0 + 60_000,
        to: T0 + 180_000,
        reason: 'cluster NotReady',
      };
      await store.addGap(gap);
      await store.addGap({ ...gap, reason: 'again' });
      expect(await store.gaps({ start: T0, end: T0 + HOUR_MS })).toEqual([gap]);
      expect(
        await store.gaps({ start: T0 + HOUR_MS, end: T0 + 2 * HOUR_MS }),
      ).toEqual([]);
      expect(await store.sampledUntil('cluster-1')).toBe(T0 + 180_000);

      // 15 days later the hourly rows are gone, the daily row stays; after 401 days nothing.
      await store.prune(T0 + 15 * DAY_MS, {
        hourlyMs: 14 * DAY_MS,
        dailyMs: 400 * DAY_MS,
      });
      const all = { start: 0, end: T0 + 500 * DAY_MS };
      expect(await store.rows('hour', all)).toEqual([]);
      expect(await store.rows('day', all)).toHaveLength(1);
      await store.prune(T0 + 402 * DAY_MS, {
        hourlyMs: 14 * DAY_MS,
        dailyMs: 400 * DAY_MS,
      });
      expect(await store.rows('day', all)).toEqual([]);
      expect(await store.gaps(all)).toEqual([]);
    },
  );
});

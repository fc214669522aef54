import { sampleClusterCost, costSampleKey } from './clusterCostSample';
import type { CostPod } from './costInputs';
import {
  hourlyRowsOf,
  mergeCostRows,
  mergeCostRowsByKey,
  rollupDaily,
  type CostHourlyRow,
} from './costRows';
import { computeClusterAllocations } from './clusterAllocation';
import { computeClusterIdle } from './clusterIdle';
import { pendingSampleIntervals, splitAtUtcHours } from './costTime';
import { zeroCostFigures } from './costFigures';
import { resolvePricing } from './pricing';

const H = 3_600_000;
const MIN = 60_000;
const T10 = Date.UTC(2026, 0, 1, 10);
const pricing = resolvePricing();

function pod(name: string, rest: Partial<CostPod> = {}): CostPod {
  return {
    namespace: 'tenant-a',
    name,
    workload: 'Deployment/web',
    labels: { app: 'web', 'pod-template-hash': name },
    nodeName: 'n1',
    startTime: T10 - H,
    requests: { cpu: '1', memory: '1Gi' },
    ...rest,
  };
}

function row(overrides: Partial<CostHourlyRow>): CostHourlyRow {
  return {
    ...zeroCostFigures(),
    cluster: 'c1',
    namespace: 'tenant-a',
    workload: 'Deployment/web',
    bucketStart: T10,
    labels: { app: 'web' },
    usageSource: 'requests',
    ...overrides,
  };
}

describe('sampleClusterCost', () => {
  it('adds one row per workload and hour, cutting the interval at the hour', () => {
    const interval = { start: T10 - 10 * MIN, end: T10 + 10 * MIN }; // 09:50 → 10:10
    const sample = sampleClusterCost(
      'c1',
      {
        pricing,
        nodes: [
          { name: 'n1', labels: {}, allocatable: { cpu: '4', memory: '4Gi' } },
        ],
        pods: [pod('a'), pod('b', { usage: { cpu: '2', memory: '1Gi' } })],
        claims: [],
      },
      interval,
    );
    expect(sample.idempotencyKey).toBe('c1@2026-01-01T09:50:00.000Z');
    expect(sample.rows.map(r => new Date(r.bucketStart).toISOString())).toEqual(
      ['2026-01-01T09:00:00.000Z', '2026-01-01T10:00:00.000Z'],
    );
    // Per slice of 1/6 h: pod a 1 core + 1 GiB = 0.06/h ; pod b max(1, 2) = 2 cores + 1 GiB = 0.11/h
    // → (0.06 + 0.11) / 6 = 0.17 / 6 per hour row
    for (const r of sample.rows) {
      expect(r.totalCost).toBeCloseTo(0.17 / 6, 12);
      expect(r.cpuCoreHours).toBeCloseTo(3 / 6, 12);
      // The two pods differ in pod-template-hash: only app=web is common.
      expect(r.labels).toEqual({ app: 'web' });
      expect(r.usageSource).toBe('mixed');
    }
    // Idle over 1/3 h: cpu 4 − 3 = 1 core × 1/3 h × 0.05 ; memory 4 − 2 = 2 GiB × 1/3 h × 0.01
    expect(sample.idle.totalCost).toBeCloseTo((0.05 + 0.02) / 3, 12);
    expect(sample.measuredPods).toBe(1);
    expect(sample.estimatedPods).toBe(1);
  });

  it('keys samples by cluster and interval start', () => {
    expect(costSampleKey('c2', Date.UTC(2026, 4, 3, 7, 1))).toBe(
      'c2@2026-05-03T07:01:00.000Z',
    );
  });
});

describe('cost rows', () => {
  it('merges additions to the same row: figures add, labels narrow', () => {
    const merged = mergeCostRows(
      row({ cpuCost: 1, totalCost: 1, labels: { app: 'web', v: '1' } }),
      row({
        cpuCost: 2,
        totalCost: 2,
        labels: { app: 'web', v: '2' },
        usageSource: 'metrics',
      }),
    );
    expect(merged).toMatchObject({
      cpuCost: 3,
      totalCost: 3,
      labels: { app: 'web' },
      usageSource: 'mixed',
    });
  });

  it("does not let a storage-only row narrow a workload's labels", () => {
    const storageOnly = row({
      labels: {},
      usageSource: undefined,
      storageCost: 1,
    });
    expect(mergeCostRows(row({}), storageOnly).labels).toEqual({ app: 'web' });
    expect(mergeCostRows(storageOnly, row({})).labels).toEqual({ app: 'web' });
  });

  it('builds hourly rows exactly as merging one row per allocation would', () => {
    const { allocations } = computeClusterAllocations(
      {
        pricing,
        nodes: [],
        pods: [
          pod('a'),
          pod('b', { usage: { cpu: '2' } }),
          pod('c', { workload: 'Deployment/api', labels: { app: 'api' } }),
        ],
        claims: [
          {
            namespace: 'tenant-a',
            name: 'data',
            phase: 'Bound',
            capacity: '1Gi',
          },
        ],
      },
      { start: T10, end: T10 + H },
    );
    const oneEach = allocations.map(a => hourlyRowsOf('c1', T10, [a])[0]);
    expect(hourlyRowsOf('c1', T10, allocations)).toEqual(
      mergeCostRowsByKey(oneEach),
    );
    expect(hourlyRowsOf('c1', T10, allocations).map(r => r.workload)).toEqual([
      'Deployment/web',
      'Deployment/api',
      'PersistentVolumeClaim/data',
    ]);
  });

  it('adds each pod straight into rows and idle exactly as from the allocations it would hold', () => {
    const input = {
      pricing,
      nodes: [
        { name: 'n1', labels: {}, allocatable: { cpu: '8', memory: '32Gi' } },
      ],
      pods: [
        pod('a', { claimNames: ['data', 'logs', 'data'] }),
        pod('b', { usage: { cpu: '2', memory: '3Gi' }, claimNames: ['data'] }),
        pod('c', { endTime: T10 + 20 * MIN, claimNames: ['logs'] }),
        pod('d', {
          workload: 'Deployment/api',
          labels: { app: 'api' },
          nodeName: undefined,
        }),
      ],
      claims: [
        {
          namespace: 'tenant-a',
          name: 'logs',
          phase: 'Bound',
          capacity: '2Gi',
        },
        {
          namespace: 'tenant-a',
          name: 'data',
          phase: 'Bound',
          capacity: '10Gi',
        },
        {
          namespace: 'tenant-a',
          name: 'spare',
          phase: 'Bound',
          capacity: '1Gi',
        },
        {
          namespace: 'tenant-a',
          name: 'new',
          phase: 'Pending',
          capacity: '1Gi',
        },
      ],
    };
    const hour = { start: T10, end: T10 + H };
    const held = computeClusterAllocations(input, hour);
    const sample = sampleClusterCost('c1', input, hour);
    expect(sample.rows).toEqual(hourlyRowsOf('c1', T10, held.allocations));
    expect(sample.idle).toEqual(
      computeClusterIdle(input.nodes, held.allocations, pricing, hour),
    );
    expect(sample.unchargedClaims.map(c => c.name)).toEqual(['new']);
    expect([sample.measuredPods, sample.estimatedPods]).toEqual([1, 3]);
    // Storage is charged once: data (10 GiB) split a/b by hours, logs (2 GiB) a/c by hours.
    const storage = held.allocations.reduce(
      (sum, a) => sum + a.storageGiBHours,
      0,
    );
    expect(storage).toBeCloseTo(10 + 2 + 1, 12);
    const c = held.allocations.find(a => a.pod === 'c')!;
    expect(c.storageGiBHours).toBeCloseTo(2 * (20 / 80), 12);
  });

  it('rolls hourly rows into UTC days', () => {
    const day1 = Date.UTC(2026, 0, 1);
    const daily = rollupDaily([
      row({ bucketStart: day1 + 10 * H, totalCost: 1 }),
      row({ bucketStart: day1 + 23 * H, totalCost: 2 }),
      row({ bucketStart: day1 + 24 * H, totalCost: 4 }),
      row({ bucketStart: day1 + 11 * H, namespace: 'tenant-b', totalCost: 8 }),
    ]);
    expect(daily.map(d => [d.namespace, d.bucketStart, d.totalCost])).toEqual([
      ['tenant-a', day1, 3], // 1 + 2
      ['tenant-a', day1 + 24 * H, 4],
      ['tenant-b', day1, 8],
    ]);
  });
});

describe('sample intervals', () => {
  const step = MIN;

  it('splits at UTC hours', () => {
    expect(splitAtUtcHours({ start: T10 - MIN, end: T10 + H + MIN })).toEqual([
      { start: T10 - MIN, end: T10 },
      { start: T10, end: T10 + H },
      { start: T10 + H, end: T10 + H + MIN },
    ]);
    expect(splitAtUtcHours({ start: T10, end: T10 })).toEqual([]);
  });

  it('starts with the cell that just ended', () => {
    expect(
      pendingSampleIntervals(undefined, T10 + 2 * MIN + 5_000, step),
    ).toEqual({
      intervals: [{ start: T10 + MIN, end: T10 + 2 * MIN }],
    });
  });

  it('proposes the same grid cells whoever asks, and nothing twice', () => {
    const late = pendingSampleIntervals(T10, T10 + 3 * MIN + 10, step);
    expect(late.intervals).toEqual([
      { start: T10, end: T10 + MIN },
      { start: T10 + MIN, end: T10 + 2 * MIN },
      { start: T10 + 2 * MIN, end: T10 + 3 * MIN },
    ]);
    expect(
      pendingSampleIntervals(T10 + 3 * MIN, T10 + 3 * MIN + 59_999, step),
    ).toEqual({
      intervals: [],
    });
  });

  it('reports cells older than the catch-up window as a gap', () => {
    expect(pendingSampleIntervals(T10, T10 + 10 * MIN, step, 3)).toEqual({
      intervals: [
        { start: T10 + 7 * MIN, end: T10 + 8 * MIN },
        { start: T10 + 8 * MIN, end: T10 + 9 * MIN },
        { start: T10 + 9 * MIN, end: T10 + 10 * MIN },
      ],
      gap: { start: T10, end: T10 + 7 * MIN },
    });
  });
});

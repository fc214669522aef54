import { zeroCostFigures } from './costFigures';
import type { CostHourlyRow } from './costRows';
import { costBreakdown, costSeries } from './costSeries';

const H = 3_600_000;
const DAY1 = Date.UTC(2026, 0, 1);

function row(
  cluster: string,
  namespace: string,
  workload: string,
  bucketStart: number,
  cpuCost: number,
  storageCost = 0,
): CostHourlyRow {
  return {
    ...zeroCostFigures(),
    cluster,
    namespace,
    workload,
    bucketStart,
    labels: {},
    cpuCost,
    storageCost,
    totalCost: cpuCost + storageCost,
    meteredCost: cpuCost,
    usageCost: cpuCost / 2,
  };
}

const rows = [
  row('c1', 'ns-a', 'Deployment/web', DAY1 + 1 * H, 1),
  row('c1', 'ns-a', 'Deployment/api', DAY1 + 1 * H, 2, 0.5),
  row('c1', 'ns-b', 'Deployment/web', DAY1 + 3 * H, 4),
  row('c2', 'ns-a', 'Deployment/web', DAY1 + 25 * H, 8),
  row('c2', 'ns-a', 'Deployment/web', DAY1 + 49 * H, 16), // outside the windows below
];

describe('costSeries', () => {
  it('gives one point per hour, zero where nothing accrued', () => {
    const series = costSeries(rows, { start: DAY1, end: DAY1 + 4 * H }, 'hour');
    expect(series.map(p => p.totalCost)).toEqual([0, 3.5, 0, 4]);
    expect(series[1]).toEqual({
      start: DAY1 + H,
      cpuCost: 3,
      memoryCost: 0,
      storageCost: 0.5,
      totalCost: 3.5,
    });
  });

  it('gives one point per UTC day', () => {
    const series = costSeries(rows, { start: DAY1, end: DAY1 + 48 * H }, 'day');
    // day 1: 1 + 2.5 + 4 = 7.5 ; day 2: 8 ; the row of day 3 is outside
    expect(series.map(p => [p.start, p.totalCost])).toEqual([
      [DAY1, 7.5],
      [DAY1 + 24 * H, 8],
    ]);
  });
});

describe('costBreakdown', () => {
  const window = rows.slice(0, 4); // total 1 + 2.5 + 4 + 8 = 15.5

  it('groups by cluster, largest first, summing to the total', () => {
    const items = costBreakdown(window, 'cluster');
    expect(items.map(i => [i.key, i.totalCost])).toEqual([
      ['c2', 8],
      ['c1', 7.5],
    ]);
    // usage is half of the metered cost in every row
    expect(items[0].efficiency).toBe(0.5);
  });

  it('groups by namespace and by workload', () => {
    expect(
      costBreakdown(window, 'namespace').map(i => [i.key, i.totalCost]),
    ).toEqual([
      ['c2/ns-a', 8],
      ['c1/ns-b', 4],
      ['c1/ns-a', 3.5],
    ]);
    const workloads = costBreakdown(window, 'workload');
    expect(workloads.map(i => i.key)).toEqual([
      'c2/ns-a/Deployment/web',
      'c1/ns-b/Deployment/web',
      'c1/ns-a/Deployment/api',
      'c1/ns-a/Deployment/web',
    ]);
    expect(workloads[2]).toMatchObject({
      cluster: 'c1',
      namespace: 'ns-a',
      workload: 'Deployment/api',
      totalCost: 2.5,
    });
  });

  it('splits by resource', () => {
    expect(costBreakdown(window, 'resource')).toEqual([
      { key: 'cpu', resource: 'cpu', totalCost: 15 },
      { key: 'memory', resource: 'memory', totalCost: 0 },
      { key: 'storage', resource: 'storage', totalCost: 0.5 },
    ]);
  });

  it('has no efficiency where nothing measured was allocated', () => {
    const unmetered = { ...rows[0], meteredCost: 0, usageCost: 0 };
    expect(costBreakdown([unmetered], 'cluster')[0].efficiency).toBeUndefined();
  });
});

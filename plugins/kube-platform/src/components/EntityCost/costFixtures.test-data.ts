import type { EntityCostResponse } from '../../api/costTypes';

/** team-alpha over two days: cluster-1 measured, cluster-2 estimated, a gap on cluster-2, a budget in warning. */
export const teamAlphaCost: EntityCostResponse = {
  entityRef: 'group:default/team-alpha',
  currency: 'USD',
  from: '2026-11-25T00:00:00.000Z',
  to: '2026-11-27T00:00:00.000Z',
  step: 'day',
  groupBy: 'cluster',
  total: { cpu: 30, memory: 12, storage: 3, total: 45 },
  series: [
    {
      start: '2026-11-25T00:00:00.000Z',
      cpu: 10,
      memory: 4,
      storage: 1,
      total: 15,
    },
    {
      start: '2026-11-26T00:00:00.000Z',
      cpu: 20,
      memory: 8,
      storage: 2,
      total: 30,
    },
  ],
  breakdown: [
    { key: 'cluster-2', cpu: 6, memory: 3, storage: 0, total: 9 },
    { key: 'cluster-1', cpu: 24, memory: 9, storage: 3, total: 36 },
  ],
  efficiency: 0.42,
  usageSource: { 'cluster-2': 'requests', 'cluster-1': 'metrics' },
  gaps: [
    {
      cluster: 'cluster-2',
      from: '2026-11-26T03:00:00.000Z',
      to: '2026-11-26T04:30:00.000Z',
      reason: 'cluster unreachable',
    },
  ],
  budget: {
    monthly: 500,
    currency: 'USD',
    monthToDate: 410,
    projected: 455.5,
    level: 'warning',
  },
};

/** A report with nothing sampled in the window. */
export const emptyCost: EntityCostResponse = {
  ...teamAlphaCost,
  total: { cpu: 0, memory: 0, storage: 0, total: 0 },
  series: [],
  breakdown: [],
  efficiency: null,
  usageSource: {},
  gaps: [],
  budget: undefined,
};

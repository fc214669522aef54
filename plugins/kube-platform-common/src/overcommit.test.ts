import type { QuotaCapacityInput } from './capacity';
import { checkOvercommit, type OvercommitCheckInput } from './overcommit';

const nodes = [
  { name: 'n1', ready: true, allocatable: { cpu: '4', memory: '16Gi' } },
  { name: 'n2', ready: true, allocatable: { cpu: '4000m', memory: '16Gi' } },
  // NotReady nodes hold no allocatable capacity, as in cluster capacity.
  { name: 'n3', ready: false, allocatable: { cpu: '64', memory: '256Gi' } },
];

const quotas: QuotaCapacityInput[] = [
  {
    namespace: 'team-alpha',
    name: 'tenant-quota',
    hard: {
      'requests.cpu': '6',
      'limits.cpu': '100',
      'requests.memory': '24Gi',
    },
  },
  // Bare cpu/memory keys count like requests.*, as in cluster capacity.
  {
    namespace: 'team-beta',
    name: 'tenant-quota',
    hard: { cpu: '2', memory: '8Gi' },
  },
];

function check(overrides: Partial<OvercommitCheckInput>) {
  return checkOvercommit({
    cluster: 'cluster-1',
    nodes,
    quotas,
    namespace: 'team-gamma',
    requested: {
      'requests.cpu': '2',
      'limits.cpu': '50',
      'requests.memory': '8Gi',
    },
    maxOvercommit: { cpu: 1.5, memory: 1.5 },
    ...overrides,
  });
}

describe('checkOvercommit', () => {
  it('accepts a request below the limit', () => {
    expect(check({})).toEqual([]);
  });

  it('accepts a request that reaches the limit exactly', () => {
    // 8 allocatable × 1.5 = 12 = 6 + 2 + 4; 32Gi × 1.5 = 48Gi = 24 + 8 + 16.
    expect(
      check({ requested: { 'requests.cpu': '4', 'requests.memory': '16Gi' } }),
    ).toEqual([]);
  });

  it('refuses a request above the limit, with the numbers', () => {
    expect(
      check({
        requested: { 'requests.cpu': '4001m', 'requests.memory': '16Gi' },
      }),
    ).toEqual([
      {
        field: 'quota.requests.cpu',
        code: 'overcommit',
        message:
          'cluster-1 would promise 12.001 CPU (requests.cpu) against 8 CPU allocatable; ' +
          'the limit is 1.5× = 12 CPU (8 CPU already promised to other tenants, 4.001 CPU requested)',
      },
    ]);
    expect(
      check({ requested: { 'requests.cpu': '1', 'requests.memory': '100Gi' } }),
    ).toEqual([
      {
        field: 'quota.requests.memory',
        code: 'overcommit',
        message:
          'cluster-1 would promise 132Gi (requests.memory) against 32Gi allocatable; ' +
          'the limit is 1.5× = 48Gi (32Gi already promised to other tenants, 100Gi requested)',
      },
    ]);
  });

  it('counts requests, not limits, as promised', () => {
    expect(
      check({ requested: { 'requests.cpu': '1', 'limits.cpu': '1000' } }),
    ).toEqual([]);
  });

  it("replaces the tenant's own current quota on an update", () => {
    // team-alpha holds 6 of the 12; raising it to 10 leaves 10 + 2 = 12.
    expect(
      check({ namespace: 'team-alpha', requested: { 'requests.cpu': '10' } }),
    ).toEqual([]);
    expect(
      check({ namespace: 'team-alpha', requested: { 'requests.cpu': '11' } }),
    ).toEqual([
      expect.objectContaining({
        field: 'quota.requests.cpu',
        message: expect.stringContaining(
          'would promise 13 CPU (requests.cpu) against 8 CPU allocatable; the limit is 1.5× = 12 CPU (2 CPU already promised',
        ),
      }),
    ]);
  });

  it('never refuses an update that does not raise the promise, even over the limit', () => {
    const crowded = [
      {
        namespace: 'team-alpha',
        name: 'tenant-quota',
        hard: { 'requests.cpu': '20' },
      },
      {
        namespace: 'team-beta',
        name: 'tenant-quota',
        hard: { 'requests.cpu': '2' },
      },
    ];
    expect(
      check({
        quotas: crowded,
        namespace: 'team-alpha',
        requested: { 'requests.cpu': '20' },
      }),
    ).toEqual([]);
    expect(
      check({
        quotas: crowded,
        namespace: 'team-alpha',
        requested: { 'requests.cpu': '19' },
      }),
    ).toEqual([]);
    expect(
      check({
        quotas: crowded,
        namespace: 'team-alpha',
        requested: { 'requests.cpu': '21' },
      }).map(i => i.field),
    ).toEqual(['quota.requests.cpu']);
  });

  it('checks only the resources that have a limit', () => {
    const huge = { 'requests.cpu': '1000', 'requests.memory': '1Ti' };
    expect(check({ requested: huge, maxOvercommit: {} })).toEqual([]);
    expect(
      check({ requested: huge, maxOvercommit: { memory: 2 } }).map(
        i => i.field,
      ),
    ).toEqual(['quota.requests.memory']);
  });

  it('refuses any promise on a cluster without Ready nodes when a limit is set', () => {
    expect(
      check({
        nodes: [],
        requested: { 'requests.cpu': '1' },
        maxOvercommit: { cpu: 10 },
      }),
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'against 0 CPU allocatable; the limit is 10× = 0 CPU',
        ),
      }),
    ]);
  });
});

import { computeClusterCapacity } from './capacity';

describe('computeClusterCapacity', () => {
  it('sums Ready nodes and quota hard values and computes overcommit', () => {
    const capacity = computeClusterCapacity({
      nodes: [
        { name: 'n1', ready: true, allocatable: { cpu: '8', memory: '32Gi' } },
        {
          name: 'n2',
          ready: true,
          allocatable: { cpu: '7500m', memory: '30Gi' },
        },
        { name: 'n3', ready: false, allocatable: { cpu: '8', memory: '32Gi' } },
      ],
      quotas: [
        {
          namespace: 'team-alpha-prod',
          name: 'quota',
          hard: { 'requests.cpu': '20', 'requests.memory': '64Gi' },
        },
        {
          namespace: 'team-beta-dev',
          name: 'quota',
          hard: { cpu: '500m', memory: '1Gi', pods: '10' },
        },
        { namespace: 'counts-only', name: 'quota', hard: { pods: '5' } },
      ],
      tenants: 2,
    });
    expect(capacity).toMatchObject({
      nodesTotal: 3,
      nodesReady: 2,
      allocatableCpu: 15.5,
      allocatableMemory: 62 * 2 ** 30,
      quotaCpu: 20.5,
      quotaMemory: 65 * 2 ** 30,
      tenants: 2,
    });
    expect(capacity.cpuOvercommit).toBeCloseTo(20.5 / 15.5);
    expect(capacity.memoryOvercommit).toBeCloseTo(65 / 62);
  });

  it('leaves overcommit undefined when nothing is allocatable and ignores bad quantities', () => {
    const capacity = computeClusterCapacity({
      nodes: [{ name: 'n1', ready: false, allocatable: { cpu: '8' } }],
      quotas: [{ namespace: 'a', name: 'q', hard: { 'requests.cpu': 'lots' } }],
      tenants: 0,
    });
    expect(capacity.allocatableCpu).toBe(0);
    expect(capacity.quotaCpu).toBe(0);
    expect(capacity.cpuOvercommit).toBeUndefined();
  });
});

import { podResources, quotaHeadroom, rolloutSurge } from './quotaHeadroom';

const Mi = 2 ** 20;
const Gi = 2 ** 30;

describe('rolloutSurge', () => {
  it.each([
    [4, undefined, 1],
    [5, undefined, 2],
    [10, '10%', 1],
    [10, '0%', 0],
    [10, 3, 3],
    [10, '2', 2],
    [0, undefined, 0],
  ])(
    'replicas %d with maxSurge %p surge %d',
    (replicas, maxSurge, expected) => {
      expect(rolloutSurge(replicas, maxSurge)).toBe(expected);
    },
  );

  it('refuses a malformed maxSurge', () => {
    expect(() => rolloutSurge(3, 'lots')).toThrow('Invalid maxSurge: "lots"');
  });
});

describe('podResources', () => {
  it('sums containers and applies LimitRange defaults to those without values', () => {
    const pod = podResources(
      [
        {
          requests: { cpu: '100m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        },
        {},
        { limits: { cpu: '1' } },
      ],
      [],
      {
        default: { cpu: '200m', memory: '64Mi' },
        defaultRequest: { cpu: '50m' },
      },
    );
    // Container 2 gets default limits and defaultRequest cpu, memory request from default;
    // container 3 takes its own cpu limit as request, memory from the defaults.
    expect(pod.requests.cpu).toBeCloseTo(0.1 + 0.05 + 1);
    expect(pod.requests.memory).toBe(128 * Mi + 64 * Mi + 64 * Mi);
    expect(pod.limits.cpu).toBeCloseTo(0.5 + 0.2 + 1);
    expect(pod.limits.memory).toBe(256 * Mi + 64 * Mi + 64 * Mi);
  });

  it('takes the larger of the containers sum and the largest init container', () => {
    const pod = podResources(
      [{ requests: { cpu: '100m' } }],
      [{ requests: { cpu: '2' } }],
    );
    expect(pod.requests.cpu).toBe(2);
  });
});

describe('quotaHeadroom', () => {
  const pod = {
    requests: { cpu: 0.25, memory: 256 * Mi },
    limits: { cpu: 0.5, memory: 512 * Mi },
  };

  it('fits when replicas plus surge fit in hard minus used', () => {
    const result = quotaHeadroom({
      replicas: 4,
      podResources: pod,
      quota: {
        hard: {
          'requests.cpu': '2',
          'limits.memory': '4Gi',
          pods: '10',
          services: '5',
        },
        used: { 'requests.cpu': '750m', 'limits.memory': '1Gi', pods: '3' },
      },
    });
    // 4 replicas + 25 % surge = 5 pods: 1.25 cpu of 1.25 free, 2.5Gi of 3Gi, 5 of 7 pods.
    expect(result).toEqual({ fits: true, pods: 5, shortfalls: [] });
  });

  it('names every resource that does not fit, with numbers', () => {
    const result = quotaHeadroom({
      replicas: 4,
      maxSurge: 2,
      podResources: pod,
      quota: {
        hard: {
          'requests.cpu': '1',
          'requests.memory': '8Gi',
          pods: '5',
          'limits.cpu': '10',
        },
        used: { 'requests.cpu': '500m', pods: '1' },
      },
    });
    expect(result.fits).toBe(false);
    expect(result.pods).toBe(6);
    expect(result.shortfalls).toEqual([
      { resource: 'pods', needed: 6, available: 4, hard: 5, used: 1 },
      {
        resource: 'requests.cpu',
        needed: 1.5,
        available: 0.5,
        hard: 1,
        used: 0.5,
      },
    ]);
  });

  it('counts the bare cpu and memory keys as requests and never goes below zero', () => {
    const result = quotaHeadroom({
      replicas: 1,
      maxSurge: 0,
      podResources: pod,
      quota: { hard: { memory: '1Gi', cpu: '1' }, used: { memory: '2Gi' } },
    });
    expect(result.shortfalls).toEqual([
      {
        resource: 'memory',
        needed: 256 * Mi,
        available: 0,
        hard: Gi,
        used: 2 * Gi,
      },
    ]);
  });
});

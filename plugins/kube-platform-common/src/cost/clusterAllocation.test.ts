import { computeClusterAllocations } from './clusterAllocation';
import type { CostPod } from './costInputs';
import { resolvePricing } from './pricing';

const T0 = Date.UTC(2026, 0, 1, 10); // 10:00 UTC
const MIN = 60_000;
const hour = { start: T0, end: T0 + 60 * MIN };
const pricing = resolvePricing(); // 0.05 / core-h, 0.01 / GiB-h, 0.001 / GiB-h storage

function pod(name: string, overrides: Partial<CostPod> = {}): CostPod {
  return {
    namespace: 'tenant-a',
    name,
    workload: `Deployment/${name}`,
    labels: { app: name },
    nodeName: 'node-1',
    startTime: T0 - 60 * MIN,
    requests: { cpu: '1', memory: '1Gi' },
    ...overrides,
  };
}

function allocate(
  pods: CostPod[],
  extra: Partial<Parameters<typeof computeClusterAllocations>[0]> = {},
) {
  return computeClusterAllocations(
    { pricing, nodes: [], pods, claims: [], ...extra },
    hour,
  );
}

describe('computeClusterAllocations: CPU and memory', () => {
  it('charges the request when it is above usage', () => {
    const [a] = allocate([
      pod('web', {
        requests: { cpu: '500m', memory: '1Gi' },
        usage: { cpu: '200m', memory: '512Mi' },
      }),
    ]).allocations;
    // cpu max(0.5, 0.2) = 0.5 core × 1 h = 0.5 core-h × 0.05 = 0.025
    // memory max(1, 0.5) = 1 GiB × 1 h × 0.01 = 0.01 ; total 0.035
    // usage: 0.2 × 0.05 + 0.5 × 0.01 = 0.01 + 0.005 = 0.015
    expect(a.usageSource).toBe('metrics');
    expect(a.cpuCoreHours).toBeCloseTo(0.5, 12);
    expect(a.memoryGiBHours).toBeCloseTo(1, 12);
    expect(a.cpuCost).toBeCloseTo(0.025, 12);
    expect(a.memoryCost).toBeCloseTo(0.01, 12);
    expect(a.totalCost).toBeCloseTo(0.035, 12);
    expect(a.usageCost).toBeCloseTo(0.015, 12);
    expect(a.meteredCost).toBeCloseTo(0.035, 12);
  });

  it('charges usage when it is above the request', () => {
    const [a] = allocate([
      pod('batch', {
        requests: { cpu: '100m', memory: '256Mi' },
        usage: { cpu: '300m', memory: '768Mi' },
      }),
    ]).allocations;
    // cpu max(0.1, 0.3) = 0.3 core-h × 0.05 = 0.015
    // memory max(0.25, 0.75) = 0.75 GiB-h × 0.01 = 0.0075 ; total 0.0225
    expect(a.cpuCoreHours).toBeCloseTo(0.3, 12);
    expect(a.memoryGiBHours).toBeCloseTo(0.75, 12);
    expect(a.totalCost).toBeCloseTo(0.0225, 12);
    // Everything charged was used: usage cost = allocated cost.
    expect(a.usageCost).toBeCloseTo(0.0225, 12);
  });

  it('falls back to requests without a usage reading, and says so', () => {
    const result = allocate([
      pod('api', { requests: { cpu: '1', memory: '2Gi' } }),
      pod('web', { usage: { cpu: '1', memory: '1Gi' } }),
    ]);
    const [api] = result.allocations;
    // 1 core × 1 h × 0.05 + 2 GiB × 1 h × 0.01 = 0.05 + 0.02 = 0.07
    expect(api.usageSource).toBe('requests');
    expect(api.totalCost).toBeCloseTo(0.07, 12);
    // Not measured: adds nothing to efficiency's numerator or denominator.
    expect(api.usageCost).toBe(0);
    expect(api.meteredCost).toBe(0);
    expect(result.measuredPods).toBe(1);
    expect(result.estimatedPods).toBe(1);
  });

  it('charges only the part of the interval a pod ran', () => {
    const result = allocate([
      pod('starts', { startTime: T0 + 15 * MIN }), // 10:15 → end: 0.75 h
      pod('ends', { endTime: T0 + 30 * MIN }), // start → 10:30: 0.5 h
      pod('both', { startTime: T0 + 10 * MIN, endTime: T0 + 40 * MIN }), // 0.5 h
      pod('before', { endTime: T0 - MIN }), // ended before: nothing
      pod('after', { startTime: T0 + 60 * MIN }), // starts at the end: nothing
      pod('pending', { startTime: undefined }), // never started: nothing
    ]);
    const byPod = Object.fromEntries(result.allocations.map(a => [a.pod, a]));
    expect(Object.keys(byPod).sort()).toEqual(['both', 'ends', 'starts']);
    // 1 core and 1 GiB: per hour 0.05 + 0.01 = 0.06
    expect(byPod.starts.hours).toBeCloseTo(0.75, 12);
    expect(byPod.starts.totalCost).toBeCloseTo(0.045, 12); // 0.06 × 0.75
    expect(byPod.ends.totalCost).toBeCloseTo(0.03, 12); // 0.06 × 0.5
    expect(byPod.both.cpuCoreHours).toBeCloseTo(0.5, 12);
  });

  it('closes running pods at now when now is inside the interval', () => {
    const result = computeClusterAllocations(
      { pricing, nodes: [], pods: [pod('web')], claims: [] },
      hour,
      T0 + 45 * MIN,
    );
    // 10:00 → 10:45 = 0.75 h × 0.06 = 0.045
    expect(result.allocations[0].totalCost).toBeCloseTo(0.045, 12);
  });

  it('scales CPU and memory by the price factor of the node labels', () => {
    const spotPricing = resolvePricing({
      nodePriceFactors: [
        { selector: { matchLabels: { lifecycle: 'spot' } }, factor: 0.3 },
      ],
    });
    const result = computeClusterAllocations(
      {
        pricing: spotPricing,
        nodes: [
          { name: 'spot-1', labels: { lifecycle: 'spot' }, allocatable: {} },
          { name: 'od-1', labels: { lifecycle: 'on-demand' }, allocatable: {} },
        ],
        pods: [
          pod('cheap', {
            nodeName: 'spot-1',
            requests: { cpu: '2', memory: '4Gi' },
          }),
          pod('full', {
            nodeName: 'od-1',
            requests: { cpu: '2', memory: '4Gi' },
          }),
        ],
        claims: [],
      },
      hour,
    );
    const [cheap, full] = result.allocations;
    // spot: (2 × 0.05 + 4 × 0.01) × 0.3 = (0.1 + 0.04) × 0.3 = 0.042
    expect(cheap.priceFactor).toBe(0.3);
    expect(cheap.cpuCost).toBeCloseTo(0.03, 12);
    expect(cheap.memoryCost).toBeCloseTo(0.012, 12);
    expect(cheap.totalCost).toBeCloseTo(0.042, 12);
    // on-demand: 0.1 + 0.04 = 0.14
    expect(full.priceFactor).toBe(1);
    expect(full.totalCost).toBeCloseTo(0.14, 12);
  });
});

describe('computeClusterAllocations: usage looked up apart from the pods', () => {
  it('prices a pod whose usage comes from usageOf exactly as one carrying it', () => {
    const usage = { cpu: '300m', memory: '768Mi' };
    const carried = allocate([
      pod('web', { usage }),
      pod('idle', { requests: { cpu: '2', memory: '1Gi' } }),
    ]);
    const lookedUp = allocate(
      [pod('web'), pod('idle', { requests: { cpu: '2', memory: '1Gi' } })],
      { usageOf: p => (p.name === 'web' ? usage : undefined) },
    );
    expect(lookedUp).toEqual(carried);
    expect(lookedUp.allocations.map(a => a.usageSource)).toEqual([
      'metrics',
      'requests',
    ]);
    expect(lookedUp.measuredPods).toBe(1);
  });
});

describe('computeClusterAllocations: storage', () => {
  const claim = {
    namespace: 'tenant-a',
    name: 'data',
    phase: 'Bound',
    capacity: '10Gi',
  };

  it('charges a bound claim to the pod that mounts it', () => {
    const result = allocate([pod('db', { claimNames: ['data'] })], {
      claims: [claim],
    });
    const [db] = result.allocations;
    // 10 GiB × 1 h = 10 GiB-h × 0.001 = 0.01 ; plus CPU/memory 0.06
    expect(db.storageGiBHours).toBeCloseTo(10, 12);
    expect(db.storageCost).toBeCloseTo(0.01, 12);
    expect(db.totalCost).toBeCloseTo(0.07, 12);
    expect(result.unchargedClaims).toEqual([]);
  });

  it('prices storage by StorageClass', () => {
    const result = computeClusterAllocations(
      {
        pricing: resolvePricing({ storageClasses: { fast: 0.002 } }),
        nodes: [],
        pods: [pod('db', { claimNames: ['data'] })],
        claims: [{ ...claim, storageClass: 'fast' }],
      },
      hour,
    );
    // 10 GiB-h × 0.002 = 0.02
    expect(result.allocations[0].storageCost).toBeCloseTo(0.02, 12);
  });

  it('charges nothing for a pending claim and says so', () => {
    const result = allocate([pod('db', { claimNames: ['data'] })], {
      claims: [{ ...claim, phase: 'Pending', capacity: undefined }],
    });
    expect(result.allocations[0].storageCost).toBe(0);
    expect(result.allocations[0].storageGiBHours).toBe(0);
    expect(result.unchargedClaims).toEqual([
      {
        namespace: 'tenant-a',
        name: 'data',
        phase: 'Pending',
        reason: 'not bound (Pending): no volume, no cost',
      },
    ]);
  });

  it('splits a shared claim by the hours each pod ran, paying it once', () => {
    const result = allocate(
      [
        pod('a', { claimNames: ['data'] }), // 1 h
        pod('b', { claimNames: ['data'], startTime: T0 + 30 * MIN }), // 0.5 h
      ],
      { claims: [{ ...claim, capacity: '6Gi' }] },
    );
    const [a, b] = result.allocations;
    // 6 GiB × 1 h × 0.001 = 0.006 ; a: 1 / 1.5 = 2/3 → 0.004 ; b: 1/3 → 0.002
    expect(a.storageCost).toBeCloseTo(0.004, 12);
    expect(b.storageCost).toBeCloseTo(0.002, 12);
    expect(a.storageGiBHours + b.storageGiBHours).toBeCloseTo(6, 12);
  });

  it('keeps a bound claim no running pod mounts as a row of its own', () => {
    const result = allocate([pod('web')], {
      claims: [{ ...claim, capacity: '5Gi', createdAt: T0 + 30 * MIN }],
    });
    const row = result.allocations.find(
      a => a.workload === 'PersistentVolumeClaim/data',
    );
    // 5 GiB × 0.5 h (created at 10:30) = 2.5 GiB-h × 0.001 = 0.0025
    expect(row).toMatchObject({ namespace: 'tenant-a', labels: {}, hours: 0 });
    expect(row?.pod).toBeUndefined();
    expect(row?.usageSource).toBeUndefined();
    expect(row?.storageGiBHours).toBeCloseTo(2.5, 12);
    expect(row?.totalCost).toBeCloseTo(0.0025, 12);
    expect(row?.cpuCost).toBe(0);
  });

  it('does not charge a claim of another namespace with the same name', () => {
    const result = allocate([pod('db', { claimNames: ['data'] })], {
      claims: [{ ...claim, namespace: 'tenant-b' }],
    });
    expect(result.allocations[0].storageCost).toBe(0);
    expect(result.allocations[1]).toMatchObject({
      namespace: 'tenant-b',
      workload: 'PersistentVolumeClaim/data',
    });
  });
});

import { ClusterReplicaPreference, planReplicas } from './planReplicas';

/*
 * KubeFed's own planner cases, transcribed from kubernetes-retired/kubefed
 * pkg/controller/util/planner/planner_test.go (commit 4f82633db81551b23b3fce74dbf694674a1cf759;
 * identical cases at 59e8d752d1a4e858d43baf6a3153058f93f89374). Each row is one call of
 * doCheck / doCheckWithExisting / doCheckWithExistingAndCapacity with KubeFed's inputs and
 * expected outputs. As there, the key is "" and rebalance is false unless the row sets it.
 */
interface KubefedCase {
  prefs: Record<string, ClusterReplicaPreference>;
  total: number;
  clusters: string[];
  current?: Record<string, number>;
  capacity?: Record<string, number>;
  rebalance?: boolean;
  plan: Record<string, number>;
  overflow?: Record<string, number>;
}

const equal = { '*': { weight: 1 } };

const testEqual: KubefedCase[] = [
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 16, B: 17, C: 17 },
  },
  { prefs: equal, total: 50, clusters: ['A', 'B'], plan: { A: 25, B: 25 } },
  { prefs: equal, total: 1, clusters: ['A', 'B'], plan: { A: 0, B: 1 } },
  {
    prefs: equal,
    total: 1,
    clusters: ['A', 'B', 'C', 'D'],
    plan: { A: 0, B: 0, C: 0, D: 1 },
  },
  { prefs: equal, total: 1, clusters: ['A'], plan: { A: 1 } },
  { prefs: equal, total: 1, clusters: [], plan: {} },
];

const testEqualWithExisting: KubefedCase[] = [
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B', 'C'],
    current: { C: 30 },
    plan: { A: 10, B: 10, C: 30 },
  },
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B'],
    current: { A: 30 },
    plan: { A: 30, B: 20 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 0, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 1, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 4, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 5, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 6, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 15,
    clusters: ['A', 'B'],
    current: { A: 7, B: 8 },
    plan: { A: 7, B: 8 },
  },
  {
    prefs: equal,
    total: 500000,
    clusters: ['A', 'B'],
    current: { A: 300000 },
    plan: { A: 300000, B: 200000 },
  },
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B'],
    current: { A: 10 },
    plan: { A: 25, B: 25 },
  },
  // KubeFed notes "should be 10:40" (kubernetes issue 31816) but pins this result.
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B'],
    current: { A: 10, B: 70 },
    plan: { A: 0, B: 50 },
  },
  {
    prefs: equal,
    total: 1,
    clusters: ['A', 'B'],
    current: { A: 30 },
    plan: { A: 1, B: 0 },
  },
  {
    prefs: equal,
    total: 50,
    clusters: ['A', 'B'],
    current: { A: 10, B: 20 },
    plan: { A: 25, B: 25 },
  },
];

const testWithExistingAndCapacity: KubefedCase[] = [
  {
    rebalance: true,
    prefs: equal,
    total: 50,
    clusters: ['A', 'B', 'C'],
    current: {},
    capacity: { C: 10 },
    plan: { A: 20, B: 20, C: 10 },
    overflow: { C: 7 },
  },
  {
    rebalance: true,
    prefs: { A: { weight: 10000 }, B: { weight: 1 } },
    total: 50,
    clusters: ['B', 'C'],
    current: {},
    capacity: { B: 10 },
    plan: { B: 10, C: 0 },
    overflow: { B: 40 },
  },
  {
    rebalance: true,
    prefs: { A: { weight: 1 }, B: { weight: 2 } },
    total: 60,
    clusters: ['A', 'B', 'C'],
    current: {},
    capacity: { B: 10 },
    plan: { A: 50, B: 10, C: 0 },
    overflow: { B: 30 },
  },
  {
    rebalance: true,
    prefs: {
      A: { weight: 10000, maxReplicas: 10 },
      B: { weight: 1 },
      C: { weight: 1, maxReplicas: 21 },
      D: { weight: 1, maxReplicas: 10 },
    },
    total: 71,
    clusters: ['A', 'B', 'C', 'D'],
    current: {},
    capacity: { C: 10 },
    plan: { A: 10, B: 41, C: 10, D: 10 },
    overflow: { C: 11 },
  },
  {
    rebalance: false,
    prefs: { A: { weight: 1 }, B: { weight: 1 } },
    total: 60,
    clusters: ['A', 'B', 'C'],
    current: {},
    capacity: { A: 10, B: 10 },
    plan: { A: 10, B: 10, C: 0 },
    overflow: { A: 20, B: 20 },
  },
  {
    rebalance: false,
    prefs: { A: { weight: 1 }, B: { weight: 5 } },
    total: 60,
    clusters: ['A', 'B', 'C'],
    current: {},
    capacity: { B: 10 },
    plan: { A: 50, B: 10, C: 0 },
    overflow: {},
  },
  {
    rebalance: false,
    prefs: { '*': { minReplicas: 20, weight: 0 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    current: {},
    capacity: { B: 10 },
    plan: { A: 20, B: 10, C: 20 },
    overflow: {},
  },
  {
    rebalance: true,
    prefs: { '*': { minReplicas: 20, weight: 1 } },
    total: 60,
    clusters: ['A', 'B'],
    current: {},
    capacity: { B: 10 },
    plan: { A: 50, B: 10 },
    overflow: { B: 15 },
  },
];

const testMin: KubefedCase[] = [
  {
    prefs: { '*': { minReplicas: 2, weight: 0 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 2, B: 2, C: 2 },
  },
  {
    prefs: { '*': { minReplicas: 20, weight: 0 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 10, B: 20, C: 20 },
  },
  {
    prefs: {
      '*': { minReplicas: 20, weight: 0 },
      A: { minReplicas: 100, weight: 1 },
    },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 50, B: 0, C: 0 },
  },
  {
    prefs: { '*': { minReplicas: 10, weight: 1, maxReplicas: 12 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 12, B: 12, C: 12 },
  },
];

const testMax: KubefedCase[] = [
  {
    prefs: { '*': { weight: 1, maxReplicas: 2 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 2, B: 2, C: 2 },
  },
  {
    prefs: { '*': { weight: 0, maxReplicas: 2 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 0, B: 0, C: 0 },
  },
];

const testWeight: KubefedCase[] = [
  {
    prefs: { A: { weight: 1 }, B: { weight: 2 } },
    total: 60,
    clusters: ['A', 'B', 'C'],
    plan: { A: 20, B: 40, C: 0 },
  },
  {
    prefs: { A: { weight: 10000 }, B: { weight: 1 } },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 50, B: 0, C: 0 },
  },
  {
    prefs: { A: { weight: 10000 }, B: { weight: 1 } },
    total: 50,
    clusters: ['B', 'C'],
    plan: { B: 50, C: 0 },
  },
  {
    prefs: {
      A: { weight: 10000, maxReplicas: 10 },
      B: { weight: 1 },
      C: { weight: 1 },
    },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 10, B: 20, C: 20 },
  },
  {
    prefs: {
      A: { weight: 10000, maxReplicas: 10 },
      B: { weight: 1 },
      C: { weight: 1, maxReplicas: 10 },
    },
    total: 50,
    clusters: ['A', 'B', 'C'],
    plan: { A: 10, B: 30, C: 10 },
  },
  {
    prefs: {
      A: { weight: 10000, maxReplicas: 10 },
      B: { weight: 1 },
      C: { weight: 1, maxReplicas: 21 },
      D: { weight: 1, maxReplicas: 10 },
    },
    total: 71,
    clusters: ['A', 'B', 'C', 'D'],
    plan: { A: 10, B: 30, C: 21, D: 10 },
  },
  {
    prefs: {
      A: { weight: 10000, maxReplicas: 10 },
      B: { weight: 1 },
      C: { weight: 1, maxReplicas: 21 },
      D: { weight: 1, maxReplicas: 10 },
      E: { weight: 1 },
    },
    total: 91,
    clusters: ['A', 'B', 'C', 'D', 'E'],
    plan: { A: 10, B: 25, C: 21, D: 10, E: 25 },
  },
];

function run(c: KubefedCase) {
  return planReplicas({
    clusters: c.clusters,
    totalReplicas: c.total,
    preferences: c.prefs,
    current: c.current,
    capacity: c.capacity,
    rebalance: c.rebalance,
    key: '',
  });
}

describe('planReplicas reproduces KubeFed planner_test.go', () => {
  describe.each([
    ['TestEqual', testEqual],
    ['TestEqualWithExisting', testEqualWithExisting],
    ['TestWithExistingAndCapacity', testWithExistingAndCapacity],
    ['TestMin', testMin],
    ['TestMax', testMax],
    ['TestWeight', testWeight],
  ] as const)('%s', (_name, cases) => {
    it.each(cases.map((c, i) => [i + 1, c] as const))('case %i', (_i, c) => {
      const result = run(c);
      expect(result.plan).toEqual(c.plan);
      expect(result.overflow).toEqual(c.overflow ?? {});
    });
  });
});

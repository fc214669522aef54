import { fnv1Hash32 } from './fnv';

/** Scheduling preference of one cluster, as in KubeFed's ReplicaSchedulingPreference. */
export interface ClusterReplicaPreference {
  /** Relative share of the replicas left after minimums; 0 gets none of them. */
  weight?: number;
  /** Replicas the cluster gets before anything is shared by weight. */
  minReplicas?: number;
  /** Upper bound; unbounded when absent. */
  maxReplicas?: number;
}

/** Input of {@link planReplicas}. */
export interface PlanReplicasInput {
  /** Clusters that may receive replicas (ready and placed). */
  clusters: string[];
  totalReplicas: number;
  /** Preferences by cluster name; `'*'` applies to clusters not named. */
  preferences: Record<string, ClusterReplicaPreference>;
  /** Replicas running now per cluster; used when `rebalance` is false. */
  current?: Record<string, number>;
  /** Move running replicas to follow the weights (default false, as KubeFed). */
  rebalance?: boolean;
  /** Estimated number of replicas each cluster can run. */
  capacity?: Record<string, number>;
  /** A per-app string mixed into the tie-break hash so apps do not all favour one cluster. */
  key?: string;
}

/** Result of {@link planReplicas}. */
export interface ReplicaPlan {
  /** Replicas each cluster will run. */
  plan: Record<string, number>;
  /** Replicas that would be good to place on a cluster beyond its capacity. */
  overflow: Record<string, number>;
}

interface RankedPreference {
  cluster: string;
  hash: number;
  weight: number;
  minReplicas: number;
  maxReplicas?: number;
}

interface PlanState {
  plan: Record<string, number>;
  overflow: Record<string, number>;
  remaining: number;
}

/**
 * Distributes `totalReplicas` over clusters exactly as KubeFed's scheduler planner
 * (`pkg/controller/util/planner`): minimums first, then the rest by weight in rounds
 * with fractions rounded up, clipped by maxReplicas and capacity. Clusters are
 * ordered by decreasing weight, then increasing FNV-1 hash of `cluster + key`.
 */
export function planReplicas(input: PlanReplicasInput): ReplicaPlan {
  assertPlanInput(input);
  const capacity = input.capacity ?? {};
  const state: PlanState = {
    plan: {},
    overflow: {},
    remaining: input.totalReplicas,
  };
  const ranked = rankPreferences(input, state.plan);

  for (const pref of ranked) {
    let min = Math.min(pref.minReplicas, state.remaining);
    if (has(capacity, pref.cluster))
      min = Math.min(min, capacity[pref.cluster]);
    state.remaining -= min;
    state.plan[pref.cluster] = min;
  }

  const preallocated = input.rebalance
    ? {}
    : preallocateCurrent(ranked, input.current ?? {}, capacity, state);
  distributeByWeight(ranked, preallocated, capacity, state);

  if (input.rebalance) {
    return { plan: state.plan, overflow: state.overflow };
  }
  // Without rebalancing, overflow is trimmed to the replicas that found no place.
  const overflow: Record<string, number> = {};
  for (const [cluster, value] of Object.entries(state.overflow)) {
    const trimmed = Math.min(value, state.remaining);
    if (trimmed > 0) overflow[cluster] = trimmed;
  }
  return { plan: state.plan, overflow };
}

function rankPreferences(
  input: PlanReplicasInput,
  plan: Record<string, number>,
): RankedPreference[] {
  const ranked: RankedPreference[] = [];
  for (const cluster of input.clusters) {
    const pref = has(input.preferences, cluster)
      ? input.preferences[cluster]
      : input.preferences['*'];
    if (!pref) {
      plan[cluster] = 0;
      continue;
    }
    ranked.push({
      cluster,
      hash: fnv1Hash32(cluster + (input.key ?? '')),
      weight: pref.weight ?? 0,
      minReplicas: pref.minReplicas ?? 0,
      maxReplicas: pref.maxReplicas,
    });
  }
  // Names break the (practically impossible) tie of equal weight and hash, for determinism.
  return ranked.sort(
    (a, b) =>
      b.weight - a.weight ||
      a.hash - b.hash ||
      compareNames(a.cluster, b.cluster),
  );
}

/** With rebalance off, clusters keep what they run now as far as the total and their bounds allow. */
function preallocateCurrent(
  ranked: RankedPreference[],
  current: Record<string, number>,
  capacity: Record<string, number>,
  state: PlanState,
): Record<string, number> {
  const preallocated: Record<string, number> = {};
  for (const pref of ranked) {
    const planned = state.plan[pref.cluster];
    if (!has(current, pref.cluster) || current[pref.cluster] <= planned) {
      continue;
    }
    let target = current[pref.cluster];
    if (pref.maxReplicas !== undefined)
      target = Math.min(pref.maxReplicas, target);
    if (has(capacity, pref.cluster))
      target = Math.min(capacity[pref.cluster], target);
    const extra = Math.max(0, Math.min(target - planned, state.remaining));
    state.remaining -= extra;
    preallocated[pref.cluster] = extra;
    state.plan[pref.cluster] = planned + extra;
  }
  return preallocated;
}

/**
 * Shares the remaining replicas by weight in rounds until none are left or a round
 * changes nothing; clusters that hit maxReplicas or capacity leave the next rounds.
 */
function distributeByWeight(
  initial: RankedPreference[],
  preallocated: Record<string, number>,
  capacity: Record<string, number>,
  state: PlanState,
): void {
  let prefs = initial;
  let modified = true;
  while (modified && state.remaining > 0) {
    modified = false;
    const weightSum = prefs.reduce((sum, p) => sum + p.weight, 0);
    if (weightSum <= 0) break;
    const toDistribute = state.remaining;
    const next: RankedPreference[] = [];
    for (const pref of prefs) {
      const start = state.plan[pref.cluster];
      let extra = Math.floor(
        (toDistribute * pref.weight + weightSum - 1) / weightSum,
      );
      extra = Math.min(extra, state.remaining);
      const prealloc = preallocated[pref.cluster] ?? 0;
      const usedPrealloc = Math.min(extra, prealloc);
      preallocated[pref.cluster] = prealloc - usedPrealloc;
      extra -= usedPrealloc;
      if (usedPrealloc > 0) modified = true;

      let total = start + extra;
      let full = false;
      if (pref.maxReplicas !== undefined && total > pref.maxReplicas) {
        total = pref.maxReplicas;
        full = true;
      }
      if (has(capacity, pref.cluster) && total > capacity[pref.cluster]) {
        state.overflow[pref.cluster] = total - capacity[pref.cluster];
        total = capacity[pref.cluster];
        full = true;
      }
      if (!full) next.push(pref);
      state.remaining -= total - start;
      state.plan[pref.cluster] = total;
      if (total > start) modified = true;
    }
    prefs = next;
  }
}

/** Code-unit order, independent of locale. */
function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function has(record: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function assertCount(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new RangeError(
      `${what} must be a non-negative integer, got ${value}`,
    );
  }
}

function assertPlanInput(input: PlanReplicasInput): void {
  assertCount(input.totalReplicas, 'totalReplicas');
  for (const [cluster, pref] of Object.entries(input.preferences)) {
    assertCount(pref.weight, `preferences.${cluster}.weight`);
    assertCount(pref.minReplicas, `preferences.${cluster}.minReplicas`);
    assertCount(pref.maxReplicas, `preferences.${cluster}.maxReplicas`);
  }
  for (const [name, map] of [
    ['current', input.current],
    ['capacity', input.capacity],
  ] as const) {
    for (const [cluster, value] of Object.entries(map ?? {})) {
      assertCount(value, `${name}.${cluster}`);
    }
  }
}

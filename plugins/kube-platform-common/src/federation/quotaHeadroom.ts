import { parseQuantity } from '../quantity';

type Quantities = Record<string, string | number>;

/** Requests and limits of one container, as in a pod spec. */
export interface ContainerResources {
  requests?: Quantities;
  limits?: Quantities;
}

/** Container defaults of a namespace's LimitRange. */
export interface LimitRangeContainerDefaults {
  /** Default limits. */
  default?: Quantities;
  /** Default requests; when absent, Kubernetes uses `default`. */
  defaultRequest?: Quantities;
}

/** Requests and limits of one pod, in base units (cores, bytes). */
export interface PodResources {
  requests: Record<string, number>;
  limits: Record<string, number>;
}

/** Input of {@link quotaHeadroom}. */
export interface QuotaHeadroomInput {
  /** Planned replicas on the cluster. */
  replicas: number;
  /** The Deployment's `strategy.rollingUpdate.maxSurge`: a count or a percentage; default `25%`. */
  maxSurge?: number | string;
  /** Per-pod resources, see {@link podResources}. */
  podResources: PodResources;
  /** The namespace's ResourceQuota status. */
  quota: { hard: Quantities; used: Quantities };
}

/** One quota entry the rollout would exceed. */
export interface QuotaShortfall {
  resource: string;
  needed: number;
  available: number;
  hard: number;
  used: number;
}

/** Result of {@link quotaHeadroom}. */
export interface QuotaHeadroom {
  fits: boolean;
  /** Pods counted: replicas plus surge. */
  pods: number;
  shortfalls: QuotaShortfall[];
}

/**
 * Per-pod requests and limits with LimitRange defaults applied as the API server
 * does: a missing limit takes `default`; a missing request takes the container's own
 * limit, else `defaultRequest`, else `default`. Init containers run one at a time,
 * so the pod needs the larger of their maximum and the containers' sum.
 */
export function podResources(
  containers: readonly ContainerResources[],
  initContainers: readonly ContainerResources[] = [],
  defaults: LimitRangeContainerDefaults = {},
): PodResources {
  const effective = (c: ContainerResources) => effectiveResources(c, defaults);
  const sum = combine(containers.map(effective), (a, b) => a + b);
  const init = combine(initContainers.map(effective), Math.max);
  return {
    requests: combine([sum.requests, init.requests].map(toPod), Math.max)
      .requests,
    limits: combine([sum.limits, init.limits].map(toLimits), Math.max).limits,
  };
}

/** Extra pods a rolling update may add: a count, or a percentage of replicas rounded up. */
export function rolloutSurge(
  replicas: number,
  maxSurge: number | string = '25%',
): number {
  if (typeof maxSurge === 'number') return maxSurge;
  const percent = /^(\d+)%$/.exec(maxSurge);
  if (percent) return Math.ceil((replicas * Number(percent[1])) / 100);
  if (/^\d+$/.test(maxSurge)) return Number(maxSurge);
  throw new TypeError(`Invalid maxSurge: "${maxSurge}"`);
}

/**
 * Whether `replicas` plus the rollout surge fit within `hard - used` of a
 * ResourceQuota, for every quota entry about pods, requests and limits.
 */
export function quotaHeadroom(input: QuotaHeadroomInput): QuotaHeadroom {
  const pods = input.replicas + rolloutSurge(input.replicas, input.maxSurge);
  const { requests, limits } = input.podResources;
  const perPod = (resource: string): number | undefined => {
    if (resource === 'pods') return 1;
    if (resource.startsWith('requests.'))
      return requests[resource.slice(9)] ?? 0;
    if (resource.startsWith('limits.')) return limits[resource.slice(7)] ?? 0;
    if (resource === 'cpu' || resource === 'memory')
      return requests[resource] ?? 0;
    return undefined;
  };
  const shortfalls: QuotaShortfall[] = [];
  for (const resource of Object.keys(input.quota.hard).sort()) {
    const each = perPod(resource);
    if (each === undefined) continue;
    const hard = parseQuantity(input.quota.hard[resource]);
    const used = parseQuantity(input.quota.used[resource] ?? 0);
    const needed = each * pods;
    const available = Math.max(0, hard - used);
    // Tolerate float noise from millicores and binary suffixes.
    if (needed > available + 1e-9 * Math.max(1, available)) {
      shortfalls.push({ resource, needed, available, hard, used });
    }
  }
  return { fits: shortfalls.length === 0, pods, shortfalls };
}

function effectiveResources(
  container: ContainerResources,
  defaults: LimitRangeContainerDefaults,
): PodResources {
  const limits = {
    ...parseAll(defaults.default),
    ...parseAll(container.limits),
  };
  const requests = {
    ...parseAll(defaults.default),
    ...parseAll(defaults.defaultRequest),
    ...parseAll(container.limits),
    ...parseAll(container.requests),
  };
  return { requests, limits };
}

function parseAll(quantities: Quantities = {}): Record<string, number> {
  return Object.fromEntries(
    Object.entries(quantities).map(([k, v]) => [k, parseQuantity(v)]),
  );
}

function combine(
  items: readonly PodResources[],
  op: (a: number, b: number) => number,
): PodResources {
  const result: PodResources = { requests: {}, limits: {} };
  for (const item of items) {
    for (const kind of ['requests', 'limits'] as const) {
      for (const [k, v] of Object.entries(item[kind])) {
        result[kind][k] = k in result[kind] ? op(result[kind][k], v) : v;
      }
    }
  }
  return result;
}

function toPod(requests: Record<string, number>): PodResources {
  return { requests, limits: {} };
}

function toLimits(limits: Record<string, number>): PodResources {
  return { requests: {}, limits };
}

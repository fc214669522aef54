import {
  computeClusterCapacity,
  type NodeCapacityInput,
  type QuotaCapacityInput,
} from './capacity';
import { formatBytes } from './quantity';
import type { TenantQuota } from './tenant';
import type { TenantGuardrailIssue } from './tenantApi';

/**
 * How far a cluster's tenant quota may promise beyond its allocatable capacity,
 * as a ratio per resource (`1.5` = 150 %). An absent resource has no limit.
 */
export interface OvercommitLimits {
  cpu?: number;
  memory?: number;
}

/** What {@link checkOvercommit} weighs: a cluster, what it already promised, and the request. */
export interface OvercommitCheckInput {
  cluster: string;
  /** The cluster's nodes; only Ready ones count as allocatable, as in capacity. */
  nodes: NodeCapacityInput[];
  /** ResourceQuotas of the cluster's tenants, the requesting tenant's current one included. */
  quotas: QuotaCapacityInput[];
  /** Namespace of the requesting tenant: its current quota is replaced, not added to. */
  namespace: string;
  /** The quota the tenant asks for. */
  requested: Partial<TenantQuota>;
  maxOvercommit: OvercommitLimits;
}

const RESOURCES = {
  cpu: {
    key: 'requests.cpu',
    format: (cores: number) => `${Number(cores.toFixed(3))} CPU`,
  },
  memory: { key: 'requests.memory', format: formatBytes },
} as const;

// Float sums of quantities are not exact; a promise exactly at the limit stays allowed.
const TOLERANCE = 1 + 1e-9;

/** Promised and allocatable amounts of one resource, before and after the request. */
interface ResourcePromise {
  allocatable: number;
  /** Promised now, the requesting tenant's current quota included. */
  now: number;
  /** Promised to every other tenant. */
  others: number;
  /** Promised once the request is granted. */
  after: number;
}

function promises(
  input: OvercommitCheckInput,
): Record<keyof typeof RESOURCES, ResourcePromise> {
  const capacity = (quotas: QuotaCapacityInput[]) =>
    computeClusterCapacity({ nodes: input.nodes, quotas, tenants: 0 });
  const others = input.quotas.filter(q => q.namespace !== input.namespace);
  const requested: QuotaCapacityInput = {
    namespace: input.namespace,
    name: 'requested',
    hard: { ...input.requested } as Record<string, string>,
  };
  const now = capacity(input.quotas);
  const without = capacity(others);
  const after = capacity([...others, requested]);
  return {
    cpu: {
      allocatable: now.allocatableCpu,
      now: now.quotaCpu,
      others: without.quotaCpu,
      after: after.quotaCpu,
    },
    memory: {
      allocatable: now.allocatableMemory,
      now: now.quotaMemory,
      others: without.quotaMemory,
      after: after.quotaMemory,
    },
  };
}

/**
 * Whether granting a quota would make a cluster promise more than `maxOvercommit`
 * times its allocatable capacity, with the definitions cluster capacity uses
 * (quota `requests.*`, Ready nodes). One `overcommit` issue per resource over
 * its limit, with the numbers. An update that does not raise what the cluster
 * promises is never refused, so a lowered limit does not block unrelated changes.
 */
export function checkOvercommit(
  input: OvercommitCheckInput,
): TenantGuardrailIssue[] {
  const amounts = promises(input);
  return (['cpu', 'memory'] as const).flatMap(resource => {
    const ratio = input.maxOvercommit[resource];
    if (ratio === undefined) return [];
    const { allocatable, now, others, after } = amounts[resource];
    const limit = allocatable * ratio;
    if (after <= limit * TOLERANCE || after <= now) return [];
    const { key, format } = RESOURCES[resource];
    return [
      {
        field: `quota.${key}`,
        code: 'overcommit' as const,
        message:
          `${input.cluster} would promise ${format(after)} (${key}) against ` +
          `${format(
            allocatable,
          )} allocatable; the limit is ${ratio}× = ${format(limit)} ` +
          `(${format(others)} already promised to other tenants, ${format(
            after - others,
          )} requested)`,
      },
    ];
  });
}

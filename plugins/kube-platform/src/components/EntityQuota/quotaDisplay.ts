import type {
  NamespaceQuotaUsage,
  QuotaLevel,
  QuotaResourceUsage,
} from '@kube-platform/plugin-kube-platform-common';

/** ResourceQuota keys shown as gauges, in display order, with their labels. */
export const GAUGED_QUOTA_RESOURCES: ReadonlyArray<{
  resource: string;
  label: string;
}> = [
  { resource: 'requests.cpu', label: 'CPU requests' },
  { resource: 'requests.memory', label: 'Memory requests' },
  { resource: 'limits.cpu', label: 'CPU limits' },
  { resource: 'limits.memory', label: 'Memory limits' },
  { resource: 'pods', label: 'Pods' },
  { resource: 'requests.storage', label: 'Storage requests' },
];

const LEVEL_SEVERITY: Record<QuotaLevel, number> = {
  ok: 0,
  warning: 1,
  critical: 2,
};

/** Display name of a quota level. */
export const QUOTA_LEVEL_LABELS: Record<QuotaLevel, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
};

/**
 * `used` / `hard` of a resource. The backend sends `Infinity` (usage over a
 * limit of 0) as JSON, which turns it into `null`; both come back as `Infinity`.
 */
export function usageRatioOf(usage: QuotaResourceUsage): number {
  const ratio = usage.ratio as number | null;
  return ratio === null ? Infinity : ratio;
}

/** Level of a resource, critical whenever it is over a limit of 0. */
export function usageLevelOf(usage: QuotaResourceUsage): QuotaLevel {
  return Number.isFinite(usageRatioOf(usage)) ? usage.level : 'critical';
}

/**
 * Whole percent of the hard limit used, rounded down so that 89.9 % does not
 * read as the critical 90 %; `undefined` when over a limit of 0.
 */
export function usagePercentOf(usage: QuotaResourceUsage): number | undefined {
  const ratio = usageRatioOf(usage);
  // The epsilon keeps float noise (0.29 * 100 = 28.999…) from losing a percent.
  return Number.isFinite(ratio) ? Math.floor(ratio * 100 + 1e-9) : undefined;
}

/** Percent of the hard limit used, as `85%`, or `over limit` when the limit is 0. */
export function formatUsagePercent(usage: QuotaResourceUsage): string {
  const percent = usagePercentOf(usage);
  return percent === undefined ? 'over limit' : `${percent}%`;
}

/** Orders levels from ok to critical. */
export function compareLevels(a: QuotaLevel, b: QuotaLevel): number {
  return LEVEL_SEVERITY[a] - LEVEL_SEVERITY[b];
}

/** The most severe level of any resource, `ok` when there are none. */
export function worstLevelOf(resources: QuotaResourceUsage[]): QuotaLevel {
  return resources
    .map(usageLevelOf)
    .reduce<QuotaLevel>(
      (worst, level) => (compareLevels(level, worst) > 0 ? level : worst),
      'ok',
    );
}

/** The namespaces that have at least one ResourceQuota, and those that have none. */
export function partitionByQuota(namespaces: NamespaceQuotaUsage[]): {
  withQuota: NamespaceQuotaUsage[];
  withoutQuota: NamespaceQuotaUsage[];
} {
  return {
    withQuota: namespaces.filter(usage => usage.resources.length > 0),
    withoutQuota: namespaces.filter(usage => usage.resources.length === 0),
  };
}

/** `namespace on cluster`, naming the tenant when it differs from the namespace. */
export function describeNamespace(usage: NamespaceQuotaUsage): string {
  const tenant =
    usage.tenant && usage.tenant !== usage.namespace
      ? ` (tenant ${usage.tenant})`
      : '';
  return `${usage.namespace} on ${usage.cluster}${tenant}`;
}

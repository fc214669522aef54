import type { QuotaResourceUsage } from '@kube-platform/plugin-kube-platform-common';
import {
  describeNamespace,
  formatUsagePercent,
  partitionByQuota,
  usageLevelOf,
  usagePercentOf,
  worstLevelOf,
} from './quotaDisplay';

function usage(
  ratio: number | null,
  level: QuotaResourceUsage['level'],
): QuotaResourceUsage {
  return {
    resource: 'requests.cpu',
    hard: '4',
    used: '1',
    ratio: ratio as number,
    level,
  };
}

describe('quota display', () => {
  it('rounds percentages down so that a warning never reads as 90 %', () => {
    expect(formatUsagePercent(usage(0.85, 'warning'))).toBe('85%');
    expect(formatUsagePercent(usage(0.899, 'warning'))).toBe('89%');
    expect(formatUsagePercent(usage(0.29, 'ok'))).toBe('29%');
    expect(formatUsagePercent(usage(1.2, 'critical'))).toBe('120%');
  });

  it('treats a null ratio (Infinity through JSON) as critical and over the limit', () => {
    const overZero = usage(null, 'ok');
    expect(usagePercentOf(overZero)).toBeUndefined();
    expect(formatUsagePercent(overZero)).toBe('over limit');
    expect(usageLevelOf(overZero)).toBe('critical');
  });

  it('finds the worst level', () => {
    expect(worstLevelOf([])).toBe('ok');
    expect(worstLevelOf([usage(0.85, 'warning'), usage(0.1, 'ok')])).toBe(
      'warning',
    );
    expect(worstLevelOf([usage(0.85, 'warning'), usage(null, 'ok')])).toBe(
      'critical',
    );
  });

  it('separates namespaces without a ResourceQuota and names the tenant only when it differs', () => {
    const withQuota = {
      cluster: 'cluster-1',
      namespace: 'team-alpha-dev',
      tenant: 'team-alpha-dev',
      resources: [usage(0.5, 'ok')],
    };
    const withoutQuota = {
      cluster: 'cluster-2',
      namespace: 'tenant-team-alpha-tools',
      tenant: 'team-alpha-tools',
      resources: [],
    };
    expect(partitionByQuota([withQuota, withoutQuota])).toEqual({
      withQuota: [withQuota],
      withoutQuota: [withoutQuota],
    });
    expect(describeNamespace(withQuota)).toBe('team-alpha-dev on cluster-1');
    expect(describeNamespace(withoutQuota)).toBe(
      'tenant-team-alpha-tools on cluster-2 (tenant team-alpha-tools)',
    );
  });
});

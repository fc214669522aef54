import { computeQuotaUsage, quotaLevel } from './quotaUsage';

describe('quota usage', () => {
  it('computes ratio and level per resource with quantities', () => {
    const usage = computeQuotaUsage([
      {
        hard: {
          'requests.cpu': '10',
          'requests.memory': '20Gi',
          pods: '10',
          secrets: '10',
        },
        used: {
          'requests.cpu': '8500m',
          'requests.memory': '16Gi',
          pods: '9',
          secrets: '1',
        },
      },
    ]);
    expect(usage).toEqual([
      {
        resource: 'pods',
        hard: '10',
        used: '9',
        ratio: 0.9,
        level: 'critical',
      },
      {
        resource: 'requests.cpu',
        hard: '10',
        used: '8500m',
        ratio: 0.85,
        level: 'warning',
      },
      {
        resource: 'requests.memory',
        hard: '20Gi',
        used: '16Gi',
        ratio: 0.8,
        level: 'warning',
      },
      { resource: 'secrets', hard: '10', used: '1', ratio: 0.1, level: 'ok' },
    ]);
  });

  it('treats missing used as zero and zero hard limits sensibly', () => {
    const usage = computeQuotaUsage([
      {
        hard: {
          'services.loadbalancers': '0',
          'services.nodeports': '0',
          configmaps: '5',
        },
        used: { 'services.nodeports': '1' },
      },
    ]);
    expect(usage.find(u => u.resource === 'configmaps')).toMatchObject({
      used: '0',
      ratio: 0,
      level: 'ok',
    });
    expect(
      usage.find(u => u.resource === 'services.loadbalancers'),
    ).toMatchObject({ ratio: 0, level: 'ok' });
    expect(usage.find(u => u.resource === 'services.nodeports')).toMatchObject({
      ratio: Infinity,
      level: 'critical',
    });
  });

  it('keeps the tightest of several quotas', () => {
    const usage = computeQuotaUsage([
      { hard: { pods: '100' }, used: { pods: '10' } },
      { hard: { pods: '12' }, used: { pods: '10' } },
    ]);
    expect(usage).toEqual([
      {
        resource: 'pods',
        hard: '12',
        used: '10',
        ratio: 10 / 12,
        level: 'warning',
      },
    ]);
  });

  it('places the thresholds at 80 and 90 percent', () => {
    expect([0, 0.79, 0.8, 0.89, 0.9, 1.2].map(quotaLevel)).toEqual([
      'ok',
      'ok',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
  });
});

import { QUOTA_PRESET_VALUES } from '../tenantPresets';
import { resolvePricing } from './pricing';
import { QUOTA_COST_MONTH_HOURS, quotaMonthlyCost } from './quotaMonthlyCost';

describe('quotaMonthlyCost', () => {
  it('prices a 30-day month', () => {
    expect(QUOTA_COST_MONTH_HOURS).toBe(720);
  });

  it('prices the small preset at its limits with the default prices', () => {
    // 8 cores × 0.05 × 720 = 288; 16 GiB × 0.01 × 720 = 115.2; 50 GiB × 0.001 × 720 = 36
    expect(quotaMonthlyCost(QUOTA_PRESET_VALUES.small)).toEqual({
      amount: 439.2,
      currency: 'USD',
      basis:
        '8 CPU cores, 16 GiB of memory and 50 GiB of storage for 720 hours (a 30-day month)',
      hours: 720,
      cpu: { cores: 8, cost: 288 },
      memory: { gib: 16, cost: 115.2 },
      storage: { gib: 50, cost: 36 },
    });
  });

  it('prices the large preset: 1Ti of storage is 1024 GiB', () => {
    // 200 × 36 = 7200; 400 × 7.2 = 2880; 1024 × 0.72 = 737.28
    const cost = quotaMonthlyCost(QUOTA_PRESET_VALUES.large);
    expect(cost.storage).toEqual({ gib: 1024, cost: 737.28 });
    expect(cost.amount).toBe(10817.28);
  });

  it("uses a cluster's prices and currency", () => {
    const pricing = resolvePricing(
      { currency: 'EUR', cpuCoreHour: 0.02 },
      { memoryGiBHour: 0.004, storageGiBHour: 0.0002 },
    );
    const cost = quotaMonthlyCost(
      {
        'requests.cpu': '500m',
        'requests.memory': '512Mi',
        'requests.storage': '10Gi',
      },
      pricing,
    );
    // 0.5 × 0.02 × 720 = 7.2; 0.5 × 0.004 × 720 = 1.44; 10 × 0.0002 × 720 = 1.44
    expect(cost).toMatchObject({
      amount: 10.08,
      currency: 'EUR',
      cpu: { cores: 0.5, cost: 7.2 },
      memory: { gib: 0.5, cost: 1.44 },
      storage: { gib: 10, cost: 1.44 },
    });
  });

  it('takes requests where they exceed the limits', () => {
    const cost = quotaMonthlyCost({
      'requests.cpu': '4',
      'limits.cpu': '2',
      'limits.memory': '1Gi',
    });
    expect(cost.cpu).toEqual({ cores: 4, cost: 144 });
    expect(cost.memory).toEqual({ gib: 1, cost: 7.2 });
  });

  it('costs nothing for a quota without cpu, memory or storage', () => {
    expect(quotaMonthlyCost({ pods: '10' })).toMatchObject({
      amount: 0,
      cpu: { cores: 0, cost: 0 },
      memory: { gib: 0, cost: 0 },
      storage: { gib: 0, cost: 0 },
    });
  });

  it('refuses a value that is not a quantity', () => {
    expect(() => quotaMonthlyCost({ 'limits.cpu': 'lots' })).toThrow(TypeError);
  });
});

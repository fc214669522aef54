import { ConfigReader } from '@backstage/config';
import { DAY_MS } from '@kube-platform/plugin-kube-platform-common';
import { readCostSettings } from './readCostSettings';

const cluster = (name: string, extra: object = {}) => ({
  name,
  url: 'https://127.0.0.1:6443',
  skipTLSVerify: true,
  auth: { provider: 'serviceAccount', token: 't' },
  ...extra,
});
const read = (kubePlatform: object) =>
  readCostSettings(new ConfigReader({ kubePlatform } as any));

describe('readCostSettings', () => {
  it('defaults to one sample a minute, 14 days hourly and 400 days daily, reference prices', () => {
    const settings = read({ clusters: [cluster('a')] });
    expect(settings).toMatchObject({
      sampleFrequencyMs: 60_000,
      hourlyRetentionMs: 14 * DAY_MS,
      dailyRetentionMs: 400 * DAY_MS,
    });
    expect(settings.pricingOf('a')).toMatchObject({
      cpuCoreHour: 0.05,
      memoryGiBHour: 0.01,
      storageGiBHour: 0.001,
      currency: 'USD',
    });
  });

  it('reads durations and layers cluster prices over the defaults (supplied clusters get the defaults)', () => {
    const settings = read({
      cost: {
        sampleFrequency: '2s',
        retention: { hourly: { days: 7 }, daily: '30d' },
        pricing: { cpuCoreHour: 0.04, currency: 'EUR' },
      },
      clusters: [
        cluster('a', { pricing: { cpuCoreHour: 0.02 } }),
        cluster('b'),
      ],
    });
    expect(settings.sampleFrequencyMs).toBe(2000);
    expect(settings.hourlyRetentionMs).toBe(7 * DAY_MS);
    expect(settings.dailyRetentionMs).toBe(30 * DAY_MS);
    expect(settings.pricingOf('a')).toMatchObject({
      cpuCoreHour: 0.02,
      currency: 'EUR',
    });
    expect(settings.pricingOf('b')).toMatchObject({
      cpuCoreHour: 0.04,
      currency: 'EUR',
    });
    expect(settings.pricingOf('supplied')).toMatchObject({ cpuCoreHour: 0.04 });
  });

  it.each([
    [{ sampleFrequency: '500ms' }, 'kubePlatform.cost.sampleFrequency'],
    [{ sampleFrequency: 'often' }, 'kubePlatform.cost.sampleFrequency'],
    [
      { retention: { hourly: { months: 1 } } },
      'kubePlatform.cost.retention.hourly',
    ],
    [
      { retention: { hourly: '30d', daily: '7d' } },
      'kubePlatform.cost.retention.daily',
    ],
    [
      { pricing: { memoryGiBHour: -1 } },
      'kubePlatform.cost.pricing.memoryGiBHour',
    ],
  ])('rejects %j naming %s', (cost, key) => {
    expect(() => read({ cost, clusters: [cluster('a')] })).toThrow(
      `Invalid Kube Platform configuration at '${key}'`,
    );
  });
});

import { findQuotaContradictions } from './quotaSanity';

const quota = {
  'requests.cpu': '4',
  'limits.cpu': '8',
  'requests.memory': '8Gi',
  'limits.memory': '16Gi',
};

describe('findQuotaContradictions', () => {
  it('accepts requests below or equal to limits', () => {
    expect(findQuotaContradictions(quota)).toEqual([]);
    expect(
      findQuotaContradictions({
        ...quota,
        'requests.cpu': '8000m',
        'requests.memory': '16384Mi',
      }),
    ).toEqual([]);
  });

  it('rejects cpu requests above limits', () => {
    expect(
      findQuotaContradictions({ ...quota, 'requests.cpu': '8001m' }),
    ).toEqual([
      {
        field: 'quota.requests.cpu',
        code: 'invalid',
        message: 'requests.cpu 8001m is above limits.cpu 8',
      },
    ]);
  });

  it('rejects memory requests above limits, comparing quantities', () => {
    expect(
      findQuotaContradictions({ ...quota, 'limits.memory': '8000Mi' }),
    ).toEqual([
      {
        field: 'quota.requests.memory',
        code: 'invalid',
        message: 'requests.memory 8Gi is above limits.memory 8000Mi',
      },
    ]);
  });

  it('reports both resources', () => {
    expect(
      findQuotaContradictions({
        'requests.cpu': '2',
        'limits.cpu': '1',
        'requests.memory': '2Gi',
        'limits.memory': '1Gi',
      }).map(i => i.field),
    ).toEqual(['quota.requests.cpu', 'quota.requests.memory']);
  });
});

import { planQuotaProbe, type QuotaProbeLimits } from './quotaProbe';

function limits(
  hard: { cpu: string; memory: string },
  containerMax = { cpu: '8', memory: '16Gi' },
  podMax = { cpu: '16', memory: '32Gi' },
): QuotaProbeLimits {
  return {
    quota: { 'requests.cpu': hard.cpu, 'requests.memory': hard.memory },
    limitRange: { container: { max: containerMax }, pod: { max: podMax } },
  };
}

describe('planQuotaProbe', () => {
  it('tries one millicore over the remaining CPU when the LimitRange admits that much', () => {
    expect(planQuotaProbe(limits({ cpu: '2', memory: '4Gi' }), {})).toEqual({
      resource: 'cpu',
      request: '2001m',
    });
  });

  it('subtracts what the namespace already uses', () => {
    const used = { 'requests.cpu': '1500m', 'requests.memory': '1Gi' };
    expect(planQuotaProbe(limits({ cpu: '2', memory: '4Gi' }), used)).toEqual({
      resource: 'cpu',
      request: '501m',
    });
  });

  it('falls back to memory, in bytes, when no Pod may request the remaining CPU', () => {
    const used = { 'requests.memory': '1Gi' };
    expect(planQuotaProbe(limits({ cpu: '20', memory: '4Gi' }), used)).toEqual({
      resource: 'memory',
      request: String(3 * 2 ** 30 + 1),
    });
  });

  it('is bounded by the smaller of the Pod and container maximums', () => {
    const spec = limits(
      { cpu: '10', memory: '64Gi' },
      { cpu: '16', memory: '16Gi' },
      { cpu: '8', memory: '32Gi' },
    );
    expect(planQuotaProbe(spec, {})).toBeUndefined();
  });

  it('tries nothing when the remaining quota equals what one Pod may request', () => {
    const spec = limits({ cpu: '8', memory: '16Gi' });
    expect(planQuotaProbe(spec, {})).toBeUndefined();
  });

  it('tries nothing when every remaining quota exceeds what one Pod may request', () => {
    const used = { 'requests.cpu': '4', 'requests.memory': '8Gi' };
    expect(
      planQuotaProbe(limits({ cpu: '100', memory: '200Gi' }), used),
    ).toBeUndefined();
  });
});

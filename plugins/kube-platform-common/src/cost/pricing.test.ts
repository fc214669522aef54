import {
  DEFAULT_COST_PRICES,
  nodePriceFactor,
  resolvePricing,
  storageClassPrice,
} from './pricing';

const spot = {
  selector: { matchLabels: { 'node.kubernetes.io/lifecycle': 'spot' } },
  factor: 0.3,
};

describe('resolvePricing', () => {
  it("defaults to the reference's prices in USD", () => {
    expect(resolvePricing()).toEqual({
      cpuCoreHour: 0.05,
      memoryGiBHour: 0.01,
      storageGiBHour: 0.001,
      storageClasses: {},
      currency: 'USD',
      nodePriceFactors: [],
    });
    expect(DEFAULT_COST_PRICES.cpuCoreHour).toBe(0.05);
  });

  it('overrides key by key, merges storage classes, replaces node factors', () => {
    const pricing = resolvePricing(
      {
        cpuCoreHour: 0.04,
        storageClasses: { fast: 0.002, slow: 0.0008 },
        currency: 'EUR',
        nodePriceFactors: [spot],
      },
      {
        memoryGiBHour: 0.02,
        storageClasses: { slow: 0.0005 },
        nodePriceFactors: [],
      },
    );
    expect(pricing).toEqual({
      cpuCoreHour: 0.04,
      memoryGiBHour: 0.02,
      storageGiBHour: 0.001,
      storageClasses: { fast: 0.002, slow: 0.0005 },
      currency: 'EUR',
      nodePriceFactors: [],
    });
  });

  it('keeps the default node factors when the cluster sets none', () => {
    expect(
      resolvePricing({ nodePriceFactors: [spot] }, { cpuCoreHour: 1 })
        .nodePriceFactors,
    ).toEqual([spot]);
  });

  it.each([
    [{ cpuCoreHour: -1 }, 'cpuCoreHour'],
    [{ currency: 'usd' }, 'currency'],
    [{ storageClasses: { fast: -0.1 } }, 'storageClasses'],
    [{ nodePriceFactors: [{ selector: {}, factor: 0 }] }, 'nodePriceFactors'],
    [{ cpuPrice: 1 }, 'cpuPrice'],
  ])('rejects %j naming %s', (config, field) => {
    expect(() => resolvePricing(undefined, config as any)).toThrow(field);
  });
});

describe('nodePriceFactor', () => {
  const pricing = resolvePricing({
    nodePriceFactors: [
      spot,
      { selector: { matchLabels: { tier: 'gpu' } }, factor: 3 },
    ],
  });

  it('applies the first factor whose selector matches the node', () => {
    expect(
      nodePriceFactor(pricing, {
        'node.kubernetes.io/lifecycle': 'spot',
        tier: 'gpu',
      }),
    ).toBe(0.3);
    expect(nodePriceFactor(pricing, { tier: 'gpu' })).toBe(3);
  });

  it('is 1 for unmatched nodes and for pods without a node', () => {
    expect(nodePriceFactor(pricing, { tier: 'general' })).toBe(1);
    expect(nodePriceFactor(pricing, undefined)).toBe(1);
  });
});

describe('storageClassPrice', () => {
  const pricing = resolvePricing({ storageClasses: { fast: 0.002 } });

  it('prices known classes by class and others at storageGiBHour', () => {
    expect(storageClassPrice(pricing, 'fast')).toBe(0.002);
    expect(storageClassPrice(pricing, 'standard')).toBe(0.001);
    expect(storageClassPrice(pricing, undefined)).toBe(0.001);
    // Not fooled by Object.prototype members.
    expect(storageClassPrice(pricing, 'constructor')).toBe(0.001);
  });
});

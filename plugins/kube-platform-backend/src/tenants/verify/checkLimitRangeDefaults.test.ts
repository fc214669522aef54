import { hasLimitRangeDefaults } from './checkLimitRangeDefaults';

const container = {
  default: { cpu: '1', memory: '1Gi' },
  defaultRequest: { cpu: '500m', memory: '512Mi' },
  min: { cpu: '100m', memory: '128Mi' },
  max: { cpu: '8', memory: '16Gi' },
  maxLimitRequestRatio: { cpu: '4', memory: '4' },
};

describe('hasLimitRangeDefaults', () => {
  it('compares quantities, not spellings', () => {
    expect(
      hasLimitRangeDefaults(
        {
          requests: { cpu: '0.5', memory: '512Mi' },
          limits: { cpu: '1000m', memory: String(2 ** 30) },
        },
        container,
      ),
    ).toBe(true);
  });

  it('fails when a default is missing or different', () => {
    expect(
      hasLimitRangeDefaults(
        { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1' } },
        container,
      ),
    ).toBe(false);
    expect(
      hasLimitRangeDefaults(
        {
          requests: { cpu: '250m', memory: '512Mi' },
          limits: { cpu: '1', memory: '1Gi' },
        },
        container,
      ),
    ).toBe(false);
    expect(hasLimitRangeDefaults({}, container)).toBe(false);
  });
});

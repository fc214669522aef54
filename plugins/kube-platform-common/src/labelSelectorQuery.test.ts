import { matchesLabelSelector } from './labelSelector';
import { parseLabelSelectorQuery } from './labelSelectorQuery';

const usWest = { region: 'us-west', environment: 'production' };
const euWest = { region: 'eu-west', environment: 'staging' };

function matches(query: string, labels: Record<string, string>): boolean {
  const result = parseLabelSelectorQuery(query);
  if ('error' in result) throw new Error(result.error);
  return matchesLabelSelector(labels, result.selector);
}

describe('parseLabelSelectorQuery', () => {
  it('selects everything with an empty query', () => {
    expect(matches('', usWest)).toBe(true);
    expect(matches('  ', euWest)).toBe(true);
  });

  it('reads equality and inequality requirements', () => {
    expect(matches('region=us-west', usWest)).toBe(true);
    expect(matches('region==us-west', euWest)).toBe(false);
    expect(matches('region = us-west, environment!=staging', usWest)).toBe(
      true,
    );
    expect(matches('environment!=staging', euWest)).toBe(false);
  });

  it('reads set requirements with commas inside the parentheses', () => {
    expect(
      matches('region in (us-west, us-east),environment=production', usWest),
    ).toBe(true);
    expect(matches('region in (us-west,us-east)', euWest)).toBe(false);
    expect(matches('region notin (eu-west)', euWest)).toBe(false);
  });

  it('reads existence requirements, including prefixed keys', () => {
    expect(matches('region', usWest)).toBe(true);
    expect(matches('!region', usWest)).toBe(false);
    expect(matches('kube-platform.io/tenant', usWest)).toBe(false);
  });

  it('explains what it cannot read', () => {
    expect(parseLabelSelectorQuery('region=')).toEqual({
      selector: { matchLabels: { region: '' }, matchExpressions: [] },
    });
    expect(parseLabelSelectorQuery('region in ()')).toEqual({
      error: '"region in ()" needs at least one value in the parentheses',
    });
    expect(parseLabelSelectorQuery('=us-west')).toHaveProperty('error');
    expect(parseLabelSelectorQuery('region=(us-west')).toHaveProperty('error');
  });
});

import { labelSelectorSchema, matchesLabelSelector } from './labelSelector';

const usWestProd = { region: 'us-west', environment: 'production' };
const euStaging = { region: 'eu-west', environment: 'staging' };

describe('matchesLabelSelector', () => {
  it('matches everything with an empty selector', () => {
    expect(matchesLabelSelector(usWestProd, {})).toBe(true);
    expect(matchesLabelSelector({}, {})).toBe(true);
  });

  it('requires every matchLabels entry', () => {
    const selector = { matchLabels: { environment: 'production' } };
    expect(matchesLabelSelector(usWestProd, selector)).toBe(true);
    expect(matchesLabelSelector(euStaging, selector)).toBe(false);
  });

  it('evaluates In, NotIn, Exists and DoesNotExist', () => {
    const inUs = {
      matchExpressions: [
        {
          key: 'region',
          operator: 'In' as const,
          values: ['us-west', 'us-east'],
        },
      ],
    };
    expect(matchesLabelSelector(usWestProd, inUs)).toBe(true);
    expect(matchesLabelSelector(euStaging, inUs)).toBe(false);

    const notStaging = {
      matchExpressions: [
        { key: 'environment', operator: 'NotIn' as const, values: ['staging'] },
      ],
    };
    expect(matchesLabelSelector(usWestProd, notStaging)).toBe(true);
    expect(matchesLabelSelector(euStaging, notStaging)).toBe(false);
    // NotIn matches a missing key, as in Kubernetes.
    expect(matchesLabelSelector({}, notStaging)).toBe(true);

    const hasTier = {
      matchExpressions: [{ key: 'tier', operator: 'Exists' as const }],
    };
    expect(matchesLabelSelector(usWestProd, hasTier)).toBe(false);
    expect(matchesLabelSelector({ ...usWestProd, tier: 'gold' }, hasTier)).toBe(
      true,
    );

    const noTier = {
      matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' as const }],
    };
    expect(matchesLabelSelector(usWestProd, noTier)).toBe(true);
    expect(matchesLabelSelector({ tier: 'gold' }, noTier)).toBe(false);
  });

  it('ANDs matchLabels and matchExpressions together', () => {
    const selector = {
      matchLabels: { environment: 'production' },
      matchExpressions: [
        { key: 'region', operator: 'NotIn' as const, values: ['us-west'] },
      ],
    };
    expect(matchesLabelSelector(usWestProd, selector)).toBe(false);
    expect(
      matchesLabelSelector(
        { region: 'us-east', environment: 'production' },
        selector,
      ),
    ).toBe(true);
  });
});

describe('labelSelectorSchema', () => {
  it('rejects In without values and Exists with values, naming the field', () => {
    const result = labelSelectorSchema.safeParse({
      matchExpressions: [
        { key: 'region', operator: 'In' },
        { key: 'tier', operator: 'Exists', values: ['x'] },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map(i => i.path.join('.'));
    expect(paths).toEqual([
      'matchExpressions.0.values',
      'matchExpressions.1.values',
    ]);
  });

  it('rejects unknown operators and fields', () => {
    expect(
      labelSelectorSchema.safeParse({
        matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }],
      }).success,
    ).toBe(false);
    expect(labelSelectorSchema.safeParse({ matchFields: {} }).success).toBe(
      false,
    );
  });
});

import { parseLabelSelectorAnnotation } from './parseLabelSelectorAnnotation';

describe('parseLabelSelectorAnnotation', () => {
  it('reads equality, inequality, set and existence requirements', () => {
    expect(
      parseLabelSelectorAnnotation(
        'app=web, tier in (front,edge),env!=dev,!canary,team',
      ),
    ).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['front', 'edge'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'team', operator: 'Exists' },
      ],
    });
    expect(parseLabelSelectorAnnotation('app==web')).toEqual({
      matchLabels: { app: 'web' },
    });
  });

  it('claims nothing for an empty or broken selector', () => {
    expect(parseLabelSelectorAnnotation('')).toBeUndefined();
    expect(parseLabelSelectorAnnotation(undefined)).toBeUndefined();
    expect(parseLabelSelectorAnnotation('app in web')).toBeUndefined();
  });
});

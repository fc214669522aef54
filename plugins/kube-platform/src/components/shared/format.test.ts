import {
  formatAge,
  formatOvercommit,
  isOvercommitted,
  newestCacheEventTime,
} from './format';

const now = Date.parse('2026-01-01T12:00:00Z');

describe('formatAge', () => {
  it('picks the largest whole unit', () => {
    expect(formatAge('2026-01-01T11:59:58Z', now)).toBe('just now');
    expect(formatAge('2026-01-01T11:59:18Z', now)).toBe('42s ago');
    expect(formatAge('2026-01-01T11:55:00Z', now)).toBe('5m ago');
    expect(formatAge('2026-01-01T09:00:00Z', now)).toBe('3h ago');
    expect(formatAge('2025-12-30T12:00:00Z', now)).toBe('2d ago');
  });

  it('says when there is no time to compare', () => {
    expect(formatAge(undefined, now)).toBe('never');
    expect(formatAge('yesterday-ish', now)).toBe('unknown');
  });
});

describe('overcommit', () => {
  it('formats and flags ratios above 1', () => {
    expect(formatOvercommit(1.5)).toBe('1.50×');
    expect(formatOvercommit(undefined)).toBe('n/a');
    expect(isOvercommitted(1.5)).toBe(true);
    expect(isOvercommitted(1)).toBe(false);
    expect(isOvercommitted(undefined)).toBe(false);
  });
});

describe('newestCacheEventTime', () => {
  it('returns the most recent event of any watch', () => {
    const watch = (lastEventTime?: string) => ({
      synced: true,
      count: 1,
      lastEventTime,
    });
    expect(
      newestCacheEventTime({
        synced: true,
        resources: {
          namespaces: watch('2026-01-01T11:00:00Z'),
          resourcequotas: watch(),
          nodes: watch('2026-01-01T11:30:00Z'),
        },
      }),
    ).toBe('2026-01-01T11:30:00Z');
    expect(
      newestCacheEventTime({
        synced: false,
        resources: {
          namespaces: watch(),
          resourcequotas: watch(),
          nodes: watch(),
        },
      }),
    ).toBeUndefined();
  });
});

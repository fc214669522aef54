import { costQueryOf, startOfMonthUtc, stepOf } from './costWindows';
import { formatBucket, formatMoney, formatRatio } from './costDisplay';

const now = Date.parse('2026-11-27T12:30:00.000Z');

describe('cost windows', () => {
  it('asks for days over 7 days or more and hours below', () => {
    expect(costQueryOf('30d', 'namespace', false, now)).toEqual({
      from: '2026-10-28T12:30:00.000Z',
      step: 'day',
      groupBy: 'namespace',
      includeChildren: undefined,
    });
    expect(costQueryOf('7d', 'cluster', true, now)).toMatchObject({
      from: '2026-11-20T12:30:00.000Z',
      step: 'day',
      includeChildren: true,
    });
    expect(costQueryOf('24h', 'cluster', false, now)).toMatchObject({
      from: '2026-11-26T12:30:00.000Z',
      step: 'hour',
    });
    expect(costQueryOf('90d', 'cluster', false, now).step).toBe('day');
  });

  it('starts month to date at midnight UTC on the first, hourly in the first week', () => {
    expect(new Date(startOfMonthUtc(now)).toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(costQueryOf('mtd', 'cluster', false, now).step).toBe('day');
    const third = Date.parse('2026-12-03T08:00:00.000Z');
    expect(costQueryOf('mtd', 'cluster', false, third)).toMatchObject({
      from: '2026-12-01T00:00:00.000Z',
      step: 'hour',
    });
    expect(stepOf(now - 7 * 86_400_000, now)).toBe('day');
  });
});

describe('cost display', () => {
  it('formats money with cents below 100, significant digits below a cent, and a non-ISO currency as configured', () => {
    expect(formatMoney(12.345, 'USD')).toBe('$12.35');
    expect(formatMoney(1234.5, 'EUR')).toBe('€1,235');
    expect(formatMoney(3, 'credits')).toBe('3.00 credits');
    // A few minutes of a small pod is not $0.00.
    expect(formatMoney(0.000458, 'USD')).toBe('$0.00046');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
  });

  it('formats ratios and buckets', () => {
    expect(formatRatio(0.424)).toBe('42%');
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(0.0001)).toBe('<1%');
    expect(formatRatio(0)).toBe('0%');
    expect(formatBucket('2026-11-26T00:00:00.000Z', 'day')).toBe('26 Nov');
    expect(formatBucket('2026-11-26T14:00:00.000Z', 'hour')).toBe(
      '26 Nov 14:00',
    );
  });
});

import {
  budgetLevel,
  budgetNotificationFor,
  parseMonthlyBudget,
  projectMonthlyBudget,
} from './budget';
import { utcMonthKey } from './costTime';

describe('parseMonthlyBudget', () => {
  it('reads an amount with an optional ISO currency', () => {
    expect(parseMonthlyBudget('500')).toEqual({ budget: { amount: 500 } });
    expect(parseMonthlyBudget('500 USD')).toEqual({
      budget: { amount: 500, currency: 'USD' },
    });
    expect(parseMonthlyBudget(' 1250.50 EUR ')).toEqual({
      budget: { amount: 1250.5, currency: 'EUR' },
    });
  });

  it.each([
    ['', 'is not a budget'],
    ['lots', 'is not a budget'],
    ['-5', 'is not a budget'],
    ['500 usd', 'is not a budget'],
    ['$500', 'is not a budget'],
    ['0', 'greater than 0'],
  ])('refuses %j, naming the annotation', (value, problem) => {
    const result = parseMonthlyBudget(value);
    expect(result).toEqual({ error: expect.stringContaining(problem) });
    expect(result).toEqual({
      error: expect.stringMatching(/^kube-platform\.io\/monthly-budget: /),
    });
  });

  it('names the given field and refuses a currency other than the prices', () => {
    expect(
      parseMonthlyBudget('500 EUR', {
        field: 'budget',
        expectedCurrency: 'USD',
      }),
    ).toEqual({
      error: 'budget: the budget is in EUR but costs are priced in USD',
    });
    expect(parseMonthlyBudget('500 USD', { expectedCurrency: 'USD' })).toEqual({
      budget: { amount: 500, currency: 'USD' },
    });
  });
});

describe('projectMonthlyBudget', () => {
  // 2026-01-11T00:00Z: 21 days of January left = 504 hours
  const now = Date.UTC(2026, 0, 11);

  it('projects month-to-date plus the run-rate over the hours left', () => {
    const p = projectMonthlyBudget({
      budget: 500,
      monthToDate: 100,
      hourlyRunRate: 0.5,
      now,
    });
    // 100 + 0.5 × 504 = 352 ; 352 / 500 = 0.704
    expect(p).toEqual({
      budget: 500,
      monthToDate: 100,
      hourlyRunRate: 0.5,
      hoursLeft: 504,
      projected: 352,
      ratio: 0.704,
      level: 'ok',
    });
  });

  it('is a warning from 80 % and critical from 100 % of the budget', () => {
    const at = (budget: number) =>
      projectMonthlyBudget({
        budget,
        monthToDate: 100,
        hourlyRunRate: 0.5,
        now,
      }).level;
    expect(at(441)).toBe('ok'); // 352 / 441 = 0.798
    expect(at(440)).toBe('warning'); // 352 / 440 = 0.8
    expect(at(353)).toBe('warning'); // 0.997
    expect(at(352)).toBe('critical'); // 1.0
    expect(at(100)).toBe('critical');
  });

  it('counts the hours left in the UTC month, whatever its length', () => {
    // 2028 is a leap year: from Feb 28 23:00 there are 25 hours to March 1
    const leap = projectMonthlyBudget({
      budget: 100,
      monthToDate: 10,
      hourlyRunRate: 2,
      now: Date.UTC(2028, 1, 28, 23),
    });
    expect(leap.hoursLeft).toBe(25);
    expect(leap.projected).toBe(60); // 10 + 2 × 25
    // At the first instant of a month, the whole month is left: 31 × 24 = 744
    expect(
      projectMonthlyBudget({
        budget: 1,
        monthToDate: 0,
        hourlyRunRate: 0,
        now: Date.UTC(2026, 2, 1),
      }).hoursLeft,
    ).toBe(744);
  });

  it('maps ratios to levels', () => {
    expect([0, 0.79, 0.8, 0.99, 1, 3].map(budgetLevel)).toEqual([
      'ok',
      'ok',
      'warning',
      'warning',
      'critical',
      'critical',
    ]);
  });
});

describe('budgetNotificationFor', () => {
  it('notifies each rising level once a month', () => {
    expect(budgetNotificationFor('ok', [])).toBeUndefined();
    expect(budgetNotificationFor('warning', [])).toBe('warning');
    expect(budgetNotificationFor('warning', ['warning'])).toBeUndefined();
    expect(budgetNotificationFor('critical', ['warning'])).toBe('critical');
    expect(
      budgetNotificationFor('critical', ['warning', 'critical']),
    ).toBeUndefined();
  });

  it('sends critical only on a jump from ok, and stays quiet on the way down', () => {
    expect(budgetNotificationFor('critical', [])).toBe('critical');
    expect(budgetNotificationFor('warning', ['critical'])).toBeUndefined();
    expect(budgetNotificationFor('ok', ['critical'])).toBeUndefined();
  });

  it('keys the record by UTC month', () => {
    expect(utcMonthKey(Date.UTC(2026, 0, 31, 23, 59))).toBe('2026-01');
    expect(utcMonthKey(Date.UTC(2026, 1, 1))).toBe('2026-02');
  });
});

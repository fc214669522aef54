import { DAY_MS, HOUR_MS } from '@kube-platform/plugin-kube-platform-common';
import { parseCostQuery } from './parseCostQuery';

const settings = {
  hourlyRetentionMs: 14 * DAY_MS,
  dailyRetentionMs: 400 * DAY_MS,
};
const NOW = Date.UTC(2026, 10, 27, 12, 30);

describe('parseCostQuery', () => {
  it('defaults to the last 30 days by day, grouped by cluster, as JSON', () => {
    expect(parseCostQuery({}, settings, NOW)).toEqual({
      window: { start: Date.UTC(2026, 9, 28), end: Date.UTC(2026, 10, 28) },
      step: 'day',
      groupBy: 'cluster',
      includeChildren: false,
      format: 'json',
    });
  });

  it('widens the window to whole hours and reads every parameter', () => {
    const query = parseCostQuery(
      {
        from: '2026-11-27T09:15:00Z',
        to: '2026-11-27T11:05:00Z',
        step: 'hour',
        groupBy: 'workload',
        includeChildren: 'true',
        format: 'csv',
      },
      settings,
      NOW,
    );
    expect(query).toEqual({
      window: {
        start: Date.UTC(2026, 10, 27, 9),
        end: Date.UTC(2026, 10, 27, 12),
      },
      step: 'hour',
      groupBy: 'workload',
      includeChildren: true,
      format: 'csv',
    });
    expect(parseCostQuery({ step: 'hour' }, settings, NOW).window.end).toBe(
      Date.UTC(2026, 10, 27, 13),
    );
  });

  it.each([
    [
      { from: '2026-11-27T12:00:00Z', to: '2026-11-27T11:00:00Z' },
      /^from: .* is not before to/,
    ],
    [{ from: '2026-11-27', to: '2026-11-27' }, /^from:/],
    [{ step: 'week' }, /^step: 'week' is not one of hour, day/],
    [
      { groupBy: 'team' },
      /^groupBy: 'team' is not one of cluster, namespace, workload, resource/,
    ],
    [{ format: 'xml' }, /^format:/],
    [{ includeChildren: 'yes' }, /^includeChildren:/],
    [{ from: 'last week' }, /^from: 'last week' is not an ISO 8601 date/],
    [{ to: '2026-13-45' }, /^to: /],
    [{ from: ['2026-11-01', '2026-11-02'] }, /^from: give it once/],
    [
      { step: 'hour', from: new Date(NOW - 15 * DAY_MS).toISOString() },
      /^from: .* past the hourly retention.*use step=day/,
    ],
    [
      { from: new Date(NOW - 401 * DAY_MS).toISOString() },
      /^from: .* past the daily retention/,
    ],
  ])('rejects %j naming the parameter', (query, message) => {
    expect(() => parseCostQuery(query as any, settings, NOW)).toThrow(message);
  });

  it('accepts an hourly window right at the retention', () => {
    const from = new Date(NOW - 14 * DAY_MS + HOUR_MS).toISOString();
    expect(parseCostQuery({ step: 'hour', from }, settings, NOW).step).toBe(
      'hour',
    );
  });
});

import { METRICS_OFF_ENV, metricsOffClusters } from './specs';

describe('metricsOffClusters', () => {
  it('reads comma-separated cluster names, spaces and empty entries ignored', () => {
    expect(metricsOffClusters(' cluster-3, ,cluster-1 ')).toEqual([
      'cluster-3',
      'cluster-1',
    ]);
  });

  it('is empty when blank: every cluster serves metrics', () => {
    expect(metricsOffClusters('')).toEqual([]);
    expect(metricsOffClusters(' , ')).toEqual([]);
  });

  it('rejects a name that is not a local cluster', () => {
    expect(() => metricsOffClusters('cluster-3,cluster-9')).toThrow(
      `${METRICS_OFF_ENV} names unknown clusters: cluster-9`,
    );
  });
});

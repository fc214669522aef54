import {
  applyProbe,
  type ClusterProbeResult,
  describeClusterHealth,
  initialClusterHealth,
} from './health';

const ok = (n: number) => ({
  time: `2026-11-27T00:00:0${n}Z`,
  ok: true,
  latencyMs: 5 + n,
});
const fail = (n: number) => ({
  time: `2026-11-27T00:00:0${n}Z`,
  ok: false,
  error: `connect ECONNREFUSED (${n})`,
});

describe('applyProbe', () => {
  it('turns an unknown cluster Ready on the first success and records the transition', () => {
    const health = applyProbe(initialClusterHealth(), {
      ...ok(1),
      version: 'v1.36.3',
    });
    expect(health).toMatchObject({
      status: 'Ready',
      lastTransitionTime: '2026-11-27T00:00:01Z',
      version: 'v1.36.3',
      latencyMs: 6,
      consecutiveSuccesses: 1,
    });
  });

  it('turns NotReady only after three consecutive failures, then Ready after one success', () => {
    let health = applyProbe(initialClusterHealth(), ok(1));
    health = applyProbe(health, fail(2));
    expect(health.status).toBe('Ready');
    health = applyProbe(health, fail(3));
    expect(health.status).toBe('Ready');
    health = applyProbe(health, fail(4));
    expect(health).toMatchObject({
      status: 'NotReady',
      lastTransitionTime: '2026-11-27T00:00:04Z',
      lastError: 'connect ECONNREFUSED (4)',
      consecutiveFailures: 3,
    });
    health = applyProbe(health, fail(5));
    expect(health.lastTransitionTime).toBe('2026-11-27T00:00:04Z');
    health = applyProbe(health, ok(6));
    expect(health).toMatchObject({
      status: 'Ready',
      lastTransitionTime: '2026-11-27T00:00:06Z',
      // The last error stays visible after recovery.
      lastError: 'connect ECONNREFUSED (5)',
      consecutiveFailures: 0,
    });
  });

  it('does not flap on an interrupted run of failures', () => {
    let health = applyProbe(initialClusterHealth(), ok(1));
    for (const probe of [fail(2), fail(3), ok(4), fail(5), fail(6)]) {
      health = applyProbe(health, probe);
    }
    expect(health.status).toBe('Ready');
  });

  it('honours custom thresholds and bounds the history', () => {
    const thresholds = {
      failureThreshold: 1,
      successThreshold: 2,
      historyLength: 3,
    };
    let health = applyProbe(initialClusterHealth(), fail(1), thresholds);
    expect(health.status).toBe('NotReady');
    health = applyProbe(health, ok(2), thresholds);
    expect(health.status).toBe('NotReady');
    health = applyProbe(health, ok(3), thresholds);
    expect(health.status).toBe('Ready');
    health = applyProbe(health, ok(4), thresholds);
    expect(health.history.map(p => p.time)).toEqual([
      '2026-11-27T00:00:02Z',
      '2026-11-27T00:00:03Z',
      '2026-11-27T00:00:04Z',
    ]);
  });
});

describe('probe failure reasons', () => {
  const refused = (n: number): ClusterProbeResult => ({
    time: `2026-11-27T00:00:0${n}Z`,
    ok: false,
    reason: 'Unauthorized',
    error: "Unauthorized: the platform's token was refused (401)",
  });
  const timedOut = (n: number): ClusterProbeResult => ({
    time: `2026-11-27T00:00:0${n}Z`,
    ok: false,
    reason: 'Timeout',
    error: 'Timeout: no answer within 3000 ms; the probe was aborted',
  });

  it('turns a cluster whose token is refused NotReady at once, not after three probes', () => {
    let health = applyProbe(initialClusterHealth(), ok(1));
    health = applyProbe(health, refused(2));
    expect(health).toMatchObject({
      status: 'NotReady',
      reason: 'Unauthorized',
      lastTransitionTime: '2026-11-27T00:00:02Z',
      lastError: "Unauthorized: the platform's token was refused (401)",
      consecutiveFailures: 1,
    });
    expect(applyProbe(initialClusterHealth(), refused(1)).status).toBe('NotReady');
  });

  it('keeps the failure threshold for timeouts and records the latest reason', () => {
    let health = applyProbe(initialClusterHealth(), ok(1));
    health = applyProbe(health, timedOut(2));
    health = applyProbe(health, timedOut(3));
    expect(health).toMatchObject({ status: 'Ready', reason: 'Timeout' });
    health = applyProbe(health, timedOut(4));
    expect(health).toMatchObject({ status: 'NotReady', reason: 'Timeout' });
    expect(health.history.map(p => p.reason)).toEqual([
      undefined,
      'Timeout',
      'Timeout',
      'Timeout',
    ]);
  });

  it('clears the reason on success but keeps the last error', () => {
    let health = applyProbe(initialClusterHealth(), refused(1));
    health = applyProbe(health, ok(2));
    expect(health).toMatchObject({
      status: 'Ready',
      reason: undefined,
      lastError: "Unauthorized: the platform's token was refused (401)",
    });
  });
});

describe('describeClusterHealth', () => {
  it('names the cluster, its status, since when, why and the last error', () => {
    let health = applyProbe(initialClusterHealth(), ok(1));
    for (const n of [2, 3, 4]) health = applyProbe(health, fail(n));
    expect(describeClusterHealth('cluster-2', health)).toBe(
      "Cluster 'cluster-2' is NotReady since 2026-11-27T00:00:04Z " +
        '(3 failed probes in a row, last probe 2026-11-27T00:00:04Z): connect ECONNREFUSED (4)',
    );
    const refused = applyProbe(initialClusterHealth(), {
      time: '2026-11-27T00:00:01Z',
      ok: false,
      reason: 'Unauthorized',
      error: "Unauthorized: the platform's token was refused (401)",
    });
    expect(describeClusterHealth('cluster-1', refused)).toBe(
      "Cluster 'cluster-1' is NotReady since 2026-11-27T00:00:01Z " +
        "(Unauthorized, 1 failed probe in a row, last probe 2026-11-27T00:00:01Z): " +
        "Unauthorized: the platform's token was refused (401)",
    );
  });

  it('describes a cluster never probed', () => {
    expect(describeClusterHealth('cluster-3', initialClusterHealth())).toBe(
      "Cluster 'cluster-3' is Unknown",
    );
  });
});

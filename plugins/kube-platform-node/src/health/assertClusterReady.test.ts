import { ServiceUnavailableError } from '@backstage/errors';
import {
  applyProbe,
  type ClusterHealth,
  initialClusterHealth,
} from '@kube-platform/plugin-kube-platform-common';
import { assertClusterReady } from './assertClusterReady';

const monitorWith = (health: ClusterHealth) => ({ getHealth: () => health });

describe('assertClusterReady', () => {
  it('throws 503 naming the cluster and its health when it is NotReady', () => {
    const health = applyProbe(initialClusterHealth(), {
      time: '2026-11-27T00:00:01Z',
      ok: false,
      reason: 'Unauthorized',
      error: "Unauthorized: the platform's token was refused (401)",
    });
    let thrown: unknown;
    try {
      assertClusterReady(monitorWith(health), 'cluster-2');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServiceUnavailableError);
    expect((thrown as Error).message).toBe(
      "Cluster 'cluster-2' is NotReady since 2026-11-27T00:00:01Z " +
        '(Unauthorized, 1 failed probe in a row, last probe 2026-11-27T00:00:01Z): ' +
        "Unauthorized: the platform's token was refused (401)",
    );
  });

  it('lets Ready and never-probed (Unknown) clusters through', () => {
    const ready = applyProbe(initialClusterHealth(), {
      time: '2026-11-27T00:00:01Z',
      ok: true,
      latencyMs: 4,
    });
    expect(() => assertClusterReady(monitorWith(ready), 'cluster-1')).not.toThrow();
    expect(() =>
      assertClusterReady(monitorWith(initialClusterHealth()), 'cluster-1'),
    ).not.toThrow();
  });
});

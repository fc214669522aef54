import {
  type FederatedAppFailover,
  federatedAppSchema,
} from '@kube-platform/plugin-kube-platform-common';
import type { CachedFederatedDeployment } from './federatedDeploymentKind';
import { observedReplicas, statusOfFederatedApp } from './statusOfFederatedApp';
import type { FederatedClusterObservation } from './statusOfFederatedCluster';

const IMAGE = 'registry.example.com/web:1';
const spec = federatedAppSchema.parse({
  name: 'web',
  namespace: 'team-a',
  owner: 'group:default/team-a',
  template: {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        replicas: 2,
        template: { spec: { containers: [{ name: 'web', image: IMAGE }] } },
      },
    },
  },
  placement: { clusters: [{ name: 'east' }, { name: 'west' }] },
});
const placed = ['east', 'west'];

/** A rolled-out Deployment of ours with `replicas`. */
function live(replicas: number): CachedFederatedDeployment {
  return {
    namespace: 'team-a',
    name: 'web',
    labels: {
      'app.kubernetes.io/managed-by': 'kube-platform',
      'kube-platform.io/federated-app': 'web',
    },
    generation: 1,
    replicas,
    containers: [{ name: 'web', image: IMAGE }],
    status: {
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      observedGeneration: 1,
      conditions: [],
    },
  };
}

const seen = (
  cluster: string,
  more: Partial<FederatedClusterObservation> = {},
): FederatedClusterObservation => ({
  cluster,
  cache: { synced: true },
  ...more,
});
const noFailover: FederatedAppFailover = { clusters: [] };

describe('observedReplicas', () => {
  it('counts only clusters that are Ready, synced and have the Deployment', () => {
    expect(
      observedReplicas([
        seen('a', { live: live(3) }),
        seen('b', { live: live(1), unready: 'NotReady' }),
        seen('c', { live: live(1), cache: { synced: false } }),
        seen('d'),
      ]),
    ).toEqual({ a: 3 });
  });
});

describe('statusOfFederatedApp', () => {
  it('plans the whole placement and sums the totals when nothing failed over', () => {
    const result = statusOfFederatedApp(
      { spec, failover: noFailover },
      placed,
      [seen('east', { live: live(2) }), seen('west', { live: live(2) })],
    );
    expect(result.plan.plan).toEqual({ east: 2, west: 2 });
    expect(result.status.map(s => [s.cluster, s.state, s.drift])).toEqual([
      ['east', 'present', false],
      ['west', 'present', false],
    ]);
    expect(result.totals).toEqual({
      desired: 4,
      updated: 4,
      ready: 4,
      available: 4,
    });
  });

  it('after a failover, expects the moved replicas on the active cluster and judges nothing on the one left', () => {
    const failover: FederatedAppFailover = {
      clusters: [
        {
          cluster: 'west',
          state: 'failed-over',
          since: '2026-11-27T10:00:00Z',
        },
      ],
    };
    const result = statusOfFederatedApp({ spec, failover }, placed, [
      seen('east', { live: live(2) }),
      seen('west', { unready: "Cluster 'west' is NotReady" }),
    ]);
    expect(result.plan.plan).toEqual({ east: 4 });
    const [east, west] = result.status;
    expect(east).toMatchObject({
      plannedReplicas: 4,
      desiredReplicas: 2,
      drift: true,
      driftedFields: ['spec.replicas'],
    });
    expect(west).toEqual({
      cluster: 'west',
      state: 'unreachable',
      error: "Cluster 'west' is NotReady",
    });
    expect(result.totals.desired).toBe(2);
  });

  it('expects 0 replicas on a cluster cooling down after it came back', () => {
    const failover: FederatedAppFailover = {
      clusters: [
        {
          cluster: 'west',
          state: 'cooling-down',
          since: '2026-11-27T10:00:00Z',
          failbackAt: '2026-11-27T10:05:00Z',
        },
      ],
    };
    const result = statusOfFederatedApp({ spec, failover }, placed, [
      seen('east', { live: live(4) }),
      seen('west', { live: live(0) }),
    ]);
    expect(result.plan.plan).toEqual({ east: 4, west: 0 });
    expect(result.status.map(s => [s.plannedReplicas, s.drift])).toEqual([
      [4, false],
      [0, false],
    ]);
  });
});

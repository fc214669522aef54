import {
  federatedAppSchema,
  renderFederatedApp,
  type RenderedObject,
} from '@kube-platform/plugin-kube-platform-common';
import { trimFederatedDeployment } from './federatedDeploymentKind';
import {
  federatedAppTotals,
  federatedClusterStatus,
  federatedDeploymentDrift,
  type FederatedClusterObservation,
  isRolledOut,
} from './statusOfFederatedCluster';

const app = federatedAppSchema.parse({
  name: 'web',
  namespace: 'team-a',
  owner: 'group:default/team-a',
  template: {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'registry.example.com/web:1' },
              { name: 'proxy', image: 'registry.example.com/proxy:1' },
            ],
          },
        },
      },
    },
  },
  placement: { clusters: [{ name: 'east' }, { name: 'west' }] },
  overrides: [
    {
      clusterName: 'west',
      clusterOverrides: [
        {
          path: '/spec/template/spec/containers/0/image',
          value: 'registry.example.com/web:2',
        },
      ],
    },
  ],
});

const rendered = renderFederatedApp(app, { east: 2, west: 1 });
const deploymentOf = (cluster: string) =>
  rendered.find(r => r.cluster === cluster)!.objects[0] as RenderedObject;

/** The live object a controller would report for what we rendered, rolled out. */
function liveFrom(object: RenderedObject, changes: Record<string, any> = {}) {
  const replicas = (object.spec as any).replicas;
  return trimFederatedDeployment({
    ...(object as any),
    metadata: { ...object.metadata, generation: 3 },
    status: {
      observedGeneration: 3,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        },
      ],
      ...changes.status,
    },
    spec: { ...(object.spec as any), ...changes.spec },
  });
}

const synced = { synced: true, lastEventTime: '2026-11-27T10:00:00.000Z' };
const observe = (
  cluster: string,
  more: Partial<FederatedClusterObservation> = {},
): FederatedClusterObservation => ({
  cluster,
  cache: synced,
  live: liveFrom(deploymentOf(cluster)),
  ...more,
});

describe('federatedDeploymentDrift', () => {
  it('finds none when the live Deployment is what we render for its cluster', () => {
    expect(
      federatedDeploymentDrift(deploymentOf('west'), observe('west').live),
    ).toEqual([]);
  });

  it('names replicas scaled behind our back', () => {
    const live = liveFrom(deploymentOf('east'), { spec: { replicas: 5 } });
    expect(federatedDeploymentDrift(deploymentOf('east'), live)).toEqual([
      'spec.replicas',
    ]);
  });

  it("names a container image changed on the cluster, against that cluster's override", () => {
    const spec = deploymentOf('west').spec as any;
    const containers = [
      {
        ...spec.template.spec.containers[0],
        image: 'registry.example.com/web:1',
      },
      spec.template.spec.containers[1],
    ];
    const live = liveFrom(deploymentOf('west'), {
      spec: { template: { ...spec.template, spec: { containers } } },
    });
    expect(federatedDeploymentDrift(deploymentOf('west'), live)).toEqual([
      'spec.template.spec.containers[0].image',
    ]);
  });

  it('names a removed container and a removed label of ours', () => {
    const object = deploymentOf('east');
    const spec = object.spec as any;
    const live = liveFrom(
      {
        ...object,
        metadata: { ...object.metadata, labels: { other: 'x' } },
      },
      {
        spec: {
          template: {
            ...spec.template,
            spec: { containers: [spec.template.spec.containers[0]] },
          },
        },
      },
    );
    expect(federatedDeploymentDrift(object, live)).toEqual([
      'metadata.labels.app.kubernetes.io/managed-by',
      'metadata.labels.kube-platform.io/federated-app',
      'spec.template.spec.containers',
    ]);
  });

  it('reports a missing Deployment as drift', () => {
    expect(federatedDeploymentDrift(deploymentOf('east'), undefined)).toEqual([
      'missing',
    ]);
  });
});

describe('isRolledOut', () => {
  const base = () => liveFrom(deploymentOf('east'));

  it('is true when the latest spec is observed and every replica is updated and available', () => {
    expect(isRolledOut(base())).toBe(true);
  });

  it.each([
    ['the controller has not seen the latest spec', { observedGeneration: 2 }],
    ['a replica is not updated yet', { updatedReplicas: 1 }],
    ['an old replica is still there', { replicas: 3 }],
    ['an updated replica is not available', { availableReplicas: 1 }],
  ])('is false when %s', (_, status) => {
    const live = base();
    Object.assign(live.status, status);
    expect(isRolledOut(live)).toBe(false);
  });
});

describe('federatedClusterStatus', () => {
  it('reports a present Deployment with counts, rollout, conditions and no drift', () => {
    expect(
      federatedClusterStatus(observe('east'), deploymentOf('east')),
    ).toEqual({
      cluster: 'east',
      state: 'present',
      plannedReplicas: 2,
      desiredReplicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      generation: 3,
      observedGeneration: 3,
      rolledOut: true,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        },
      ],
      drift: false,
      driftedFields: [],
      observedAt: synced.lastEventTime,
    });
  });

  it('reports a missing Deployment as drift, with no counts', () => {
    expect(
      federatedClusterStatus(
        observe('east', { live: undefined }),
        deploymentOf('east'),
      ),
    ).toEqual({
      cluster: 'east',
      state: 'missing',
      plannedReplicas: 2,
      drift: true,
      driftedFields: ['missing'],
      observedAt: synced.lastEventTime,
    });
  });

  it('says the cluster is unreachable, with its health, instead of reading a stale cache', () => {
    const status = federatedClusterStatus(
      observe('east', { unready: "Cluster 'east' is NotReady: timeout" }),
      deploymentOf('east'),
    );
    expect(status).toEqual({
      cluster: 'east',
      state: 'unreachable',
      error: "Cluster 'east' is NotReady: timeout",
    });
  });

  it('says the cache is not synced, with its error or a default reason, and claims no drift', () => {
    const forbidden = federatedClusterStatus(
      observe('east', {
        cache: { synced: false, error: 'deployments.apps is forbidden' },
      }),
      deploymentOf('east'),
    );
    expect(forbidden).toEqual({
      cluster: 'east',
      state: 'not-synced',
      error: 'deployments.apps is forbidden',
    });
    const starting = federatedClusterStatus(
      observe('east', { cache: { synced: false }, live: undefined }),
      deploymentOf('east'),
    );
    expect(starting.state).toBe('not-synced');
    expect(starting.error).toContain('has not synced');
    expect(starting.drift).toBeUndefined();
  });
  it('judges no drift on a cluster with nothing rendered (failed over from)', () => {
    const status = federatedClusterStatus(observe('east'), undefined);
    expect(status.state).toBe('present');
    expect(status.plannedReplicas).toBeUndefined();
    expect(status).not.toHaveProperty('drift');
    expect(status).not.toHaveProperty('driftedFields');
  });
});

describe('federatedAppTotals', () => {
  it('sums the clusters that reported and leaves out those that did not', () => {
    const east = federatedClusterStatus(observe('east'), deploymentOf('east'));
    const west = federatedClusterStatus(
      observe('west', {
        live: liveFrom(deploymentOf('west'), {
          spec: { replicas: 3 },
          status: {
            updatedReplicas: 2,
            readyReplicas: 1,
            availableReplicas: 0,
          },
        }),
      }),
      deploymentOf('west'),
    );
    const unknown = federatedClusterStatus(
      { cluster: 'north', unready: 'NotReady', cache: synced },
      undefined,
    );
    const missing = federatedClusterStatus(
      observe('east', { live: undefined }),
      deploymentOf('east'),
    );
    expect(federatedAppTotals([east, west, unknown, missing])).toEqual({
      desired: 5,
      updated: 4,
      ready: 3,
      available: 2,
    });
  });

  it('is all zeros when no cluster reported', () => {
    expect(federatedAppTotals([])).toEqual({
      desired: 0,
      updated: 0,
      ready: 0,
      available: 0,
    });
  });
});

import { federatedAppSchema } from '@kube-platform/plugin-kube-platform-common';
import { withMigration, withReplicas } from './changeFederatedAppSpec';

const app = (changes: object = {}) =>
  federatedAppSchema.parse({
    name: 'web',
    namespace: 'team-a-prod',
    owner: 'group:default/team-a',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'x:1' }] } },
        },
      },
    },
    placement: { clusters: [{ name: 'a' }, { name: 'b' }] },
    ...changes,
  });
const rsp = {
  totalReplicas: 6,
  clusters: { a: { weight: 2, maxReplicas: 5 }, b: { weight: 1 } },
};

describe('withReplicas', () => {
  it('merges preferences field by field and keeps the rest of the scheduling', () => {
    const next = withReplicas(app({ replicaScheduling: rsp }), {
      totalReplicas: 9,
      clusters: { a: { weight: 3 }, '*': { minReplicas: 1 } },
    });
    expect(next.replicaScheduling).toEqual({
      totalReplicas: 9,
      rebalance: false,
      intersectWithClusterSelector: false,
      clusters: {
        a: { weight: 3, maxReplicas: 5 },
        b: { weight: 1 },
        '*': { minReplicas: 1 },
      },
    });
  });

  it('creates replicaScheduling with equal weights from a total, and needs one', () => {
    expect(withReplicas(app(), { totalReplicas: 4 }).replicaScheduling).toEqual(
      {
        totalReplicas: 4,
        rebalance: false,
        intersectWithClusterSelector: true,
        clusters: { '*': { weight: 1 } },
      },
    );
    expect(() =>
      withReplicas(app(), { clusters: { a: { weight: 1 } } }),
    ).toThrow(/totalReplicas: required/);
  });

  it('validates the result as a whole app, naming the field', () => {
    expect(() =>
      withReplicas(app({ replicaScheduling: rsp }), {
        clusters: { a: { minReplicas: 6 } },
      }),
    ).toThrow(/replicaScheduling\.clusters\.a\.minReplicas/);
    const pinned = app({
      overrides: [
        {
          clusterName: 'a',
          clusterOverrides: [{ path: '/spec/replicas', value: 2 }],
        },
      ],
    });
    expect(() => withReplicas(pinned, { totalReplicas: 3 })).toThrow(
      /overrides\.0\.clusterOverrides\.0\.path/,
    );
  });
});

describe('withMigration', () => {
  it('moves placement, preference and overrides from one cluster to the other', () => {
    const next = withMigration(
      app({
        replicaScheduling: rsp,
        overrides: [
          {
            clusterName: 'a',
            clusterOverrides: [
              { path: '/spec/template/spec/containers/0/image', value: 'x:2' },
            ],
          },
        ],
      }),
      'a',
      'c',
    );
    expect(next.placement).toEqual({
      clusters: [{ name: 'c' }, { name: 'b' }],
    });
    expect(next.replicaScheduling?.clusters).toEqual({
      c: { weight: 2, maxReplicas: 5 },
      b: { weight: 1 },
    });
    expect(next.overrides.map(o => o.clusterName)).toEqual(['c']);
  });

  it('refuses a source that is not placed, a target already placed and a selector placement, naming the field', () => {
    expect(() => withMigration(app(), 'x', 'c')).toThrow(
      /from: 'x' is not in placement.clusters/,
    );
    expect(() => withMigration(app(), 'a', 'b')).toThrow(
      /to: 'b' is already placed/,
    );
    const selected = app({
      placement: { clusterSelector: { matchLabels: { region: 'eu' } } },
    });
    expect(() => withMigration(selected, 'a', 'c')).toThrow(
      /placement: the app is placed by clusterSelector/,
    );
  });
});

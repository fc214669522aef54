import { federatedAppSchema } from '@kube-platform/plugin-kube-platform-common';
import { resolveTargetClusters } from './resolveTargetClusters';

const registry = {
  listClusters: () =>
    [
      { name: 'east', labels: { region: 'us-east' } },
      { name: 'west', labels: { region: 'us-west' } },
    ] as any,
};

const app = (changes: object) =>
  federatedAppSchema.parse({
    name: 'web',
    namespace: 'team-a',
    owner: 'group:default/team-a',
    template: {
      deployment: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } },
        },
      },
    },
    placement: { clusters: [{ name: 'east' }] },
    ...changes,
  });

describe('resolveTargetClusters', () => {
  it('picks clusters by name or by labels', () => {
    expect(resolveTargetClusters(app({}), registry)).toEqual(['east']);
    expect(
      resolveTargetClusters(
        app({
          placement: {
            clusterSelector: { matchLabels: { region: 'us-west' } },
          },
        }),
        registry,
      ),
    ).toEqual(['west']);
  });

  it('names the field of an unknown cluster', () => {
    expect(() =>
      resolveTargetClusters(
        app({ placement: { clusters: [{ name: 'east' }, { name: 'moon' }] } }),
        registry,
      ),
    ).toThrow("placement.clusters.1.name: 'moon' is not a registered cluster");
    expect(() =>
      resolveTargetClusters(
        app({ overrides: [{ clusterName: 'moon', clusterOverrides: [] }] }),
        registry,
      ),
    ).toThrow('overrides.0.clusterName');
    expect(() =>
      resolveTargetClusters(
        app({
          replicaScheduling: {
            totalReplicas: 1,
            clusters: { moon: { weight: 1 } },
          },
        }),
        registry,
      ),
    ).toThrow('replicaScheduling.clusters.moon');
  });

  it('refuses a selector that matches nothing', () => {
    expect(() =>
      resolveTargetClusters(
        app({
          placement: { clusterSelector: { matchLabels: { region: 'mars' } } },
        }),
        registry,
      ),
    ).toThrow('placement.clusterSelector: matches no registered cluster');
  });
});

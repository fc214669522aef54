import { federatedAppSchema } from './federatedApp';
import { resolvePlacement } from './placement';
import { exampleFederatedApp } from './testApp';

const clusters = [
  { name: 'kind-east', labels: { region: 'us', env: 'prod' } },
  { name: 'kind-west', labels: { region: 'us', env: 'staging' } },
  { name: 'kind-eu', labels: { region: 'eu', env: 'prod' } },
];

function app(patch: (a: any) => void = () => {}) {
  const input: any = exampleFederatedApp();
  patch(input);
  return federatedAppSchema.parse(input);
}

describe('resolvePlacement', () => {
  it('uses the named clusters and reports the unknown ones', () => {
    const result = resolvePlacement(
      app(a => {
        a.placement.clusters.push({ name: 'gone' });
        a.overrides = [{ clusterName: 'typo', clusterOverrides: [] }];
      }),
      clusters,
    );
    expect(result).toEqual({
      clusters: ['kind-east', 'kind-west'],
      unknownClusters: ['gone', 'typo'],
    });
  });

  it('selects clusters by labels', () => {
    const selected = resolvePlacement(
      app(a => {
        a.placement = { clusterSelector: { matchLabels: { env: 'prod' } } };
      }),
      clusters,
    );
    expect(selected.clusters).toEqual(['kind-east', 'kind-eu']);
    const none = resolvePlacement(
      app(a => {
        a.placement = { clusterSelector: { matchLabels: { region: 'ap' } } };
      }),
      clusters,
    );
    expect(none.clusters).toEqual([]);
  });

  it('intersects RSP clusters with the placement when asked', () => {
    const result = resolvePlacement(
      app(a => {
        a.placement = { clusterSelector: { matchLabels: { region: 'us' } } };
        a.replicaScheduling = {
          totalReplicas: 4,
          intersectWithClusterSelector: true,
          clusters: { 'kind-east': { weight: 1 }, 'kind-eu': { weight: 1 } },
        };
      }),
      clusters,
    );
    expect(result.clusters).toEqual(['kind-east']);
  });

  it('lets RSP clusters override the placement without intersection, as KubeFed', () => {
    const named = resolvePlacement(
      app(a => {
        a.placement = { clusterSelector: { matchLabels: { region: 'us' } } };
        a.replicaScheduling = {
          totalReplicas: 4,
          clusters: { 'kind-east': { weight: 1 }, 'kind-eu': { weight: 1 } },
        };
      }),
      clusters,
    );
    expect(named.clusters).toEqual(['kind-eu', 'kind-east'].sort());
    const star = resolvePlacement(
      app(a => {
        a.replicaScheduling = { totalReplicas: 4 };
      }),
      clusters,
    );
    expect(star.clusters).toEqual(['kind-east', 'kind-eu', 'kind-west']);
  });
});

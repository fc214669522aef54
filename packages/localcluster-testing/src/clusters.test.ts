import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import { LOCAL_CLUSTER_SPECS, useLocalClusters } from './index';

jest.setTimeout(60_000);

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('three local clusters', () => {
  it('run at once on distinct ports and report Kubernetes v1.36', async () => {
    expect(clusters.map(c => c.name)).toEqual(
      LOCAL_CLUSTER_SPECS.map(s => s.name),
    );
    expect(new Set(clusters.map(c => c.port)).size).toBe(3);
    expect(new Set(clusters.map(c => c.server)).size).toBe(3);
    expect(new Set(clusters.map(c => c.pid)).size).toBe(3);

    // All three answer concurrently, each as its own cluster.
    const versions = await Promise.all(
      clusters.map(c => c.kubeConfig.makeApiClient(VersionApi).getCode()),
    );
    for (const version of versions) {
      expect(version.gitVersion).toMatch(/^v1\.36\.\d+$/);
      expect(version.major).toBe('1');
      expect(version.minor).toBe('36');
    }

    const nodeLists = await Promise.all(
      clusters.map(c => c.kubeConfig.makeApiClient(CoreV1Api).listNode()),
    );
    nodeLists.forEach((nodes, i) => {
      expect(nodes.items.length).toBeGreaterThan(0);
      for (const node of nodes.items) {
        expect(node.metadata?.name).toMatch(
          new RegExp(`^${clusters[i].name}-node-`),
        );
        expect(node.metadata?.labels).toMatchObject(clusters[i].labels);
      }
    });
  });
});

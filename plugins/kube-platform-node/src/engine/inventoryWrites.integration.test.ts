import {
  createTestNamespace,
  deleteNamespaces,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import {
  KUBE_PLATFORM_MANAGER,
  type KubernetesManifest,
} from '@kube-platform/plugin-kube-platform-common';
import { CoreV1Api } from '@kubernetes/client-node';
import { createClusterRegistry } from '../clusterRegistry';
import { kubeConfigAs } from '../timeouts/BoundedKubeConfig';
import { ProvisioningEngine } from './ProvisioningEngine';
import { type ObjectRef, refKey } from './types';

jest.setTimeout(120_000);

const clusters = useLocalClusters();

/** An in-memory inventory that records every write. */
function recordingInventory() {
  const stored = new Map<string, ObjectRef[]>();
  const writes: string[][] = [];
  return {
    writes,
    stored,
    inventory: {
      get: async (_owner: unknown, cluster: string) => stored.get(cluster),
      set: async (_owner: unknown, cluster: string, objects: ObjectRef[]) => {
        writes.push(objects.map(refKey).sort());
        stored.set(cluster, objects);
      },
      delete: async (_owner: unknown, cluster: string) => {
        stored.delete(cluster);
      },
    },
  };
}

const configMap = (namespace: string, name: string): KubernetesManifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  // Pruning deletes only what still carries the platform's managed-by label.
  metadata: {
    name,
    namespace,
    labels: { 'app.kubernetes.io/managed-by': KUBE_PLATFORM_MANAGER },
  },
  data: { name },
});

describe('the inventory of a run', () => {
  it('is written only when it changes: once for a new owner, never for a redeploy, once (what is left) after pruning', async () => {
    const [cluster] = clusters;
    const clusterRegistry = createClusterRegistry([
      {
        name: cluster.name,
        url: cluster.server,
        caData: cluster.caData,
        skipTLSVerify: false,
        token: cluster.platformToken,
        labels: {},
        host: false,
      },
    ]);
    const { inventory, writes, stored } = recordingInventory();
    const engine = new ProvisioningEngine({
      clusterRegistry,
      clusterHealth: {
        getHealth: name => ({ cluster: name, status: 'Ready' } as any),
      },
      inventory,
      fallbackNamespace: 'default',
    });
    // Written as the cluster admin: the platform identity has no rights on ConfigMaps.
    const admin = kubeConfigAs(clusterRegistry.getKubeConfig(cluster.name), {
      name: 'admin',
      token: cluster.adminToken,
    });
    const namespace = await createTestNamespace(
      cluster.kubeConfig,
      'inventory',
    );
    const run = (objects: KubernetesManifest[]) =>
      engine.run({
        owner: { kind: 'federated-app', id: `${namespace}/app` },
        clusters: [{ cluster: cluster.name, objects, kubeConfig: admin }],
      });
    const a = configMap(namespace, 'a');
    const b = configMap(namespace, 'b');
    try {
      await run([a, b]);
      expect(writes).toEqual([
        [`v1/ConfigMap/${namespace}/a`, `v1/ConfigMap/${namespace}/b`],
      ]);

      const [again] = await run([a, b]);
      expect(again.changed).toBe(false);
      expect(writes).toHaveLength(1);

      const [pruned] = await run([a]);
      expect(pruned.results.map(r => `${r.name} ${r.outcome}`)).toEqual([
        'a unchanged',
        'b deleted',
      ]);
      expect(writes.slice(1)).toEqual([[`v1/ConfigMap/${namespace}/a`]]);
      expect(stored.get(cluster.name)?.map(r => r.name)).toEqual(['a']);
      const left = await cluster.kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespacedConfigMap({ namespace });
      expect(
        left.items
          .map(c => c.metadata?.name)
          .filter(n => n !== 'kube-root-ca.crt'),
      ).toEqual(['a']);
    } finally {
      await deleteNamespaces(cluster.kubeConfig, [namespace]);
    }
  });
});

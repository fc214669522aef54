import type { KubernetesManifest } from '@kube-platform/plugin-kube-platform-common';
import {
  createTestNamespace,
  deleteNamespaces,
  type LocalCluster,
  useLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { answeredCreated } from '../apply/ManifestApplier';
import { createClusterRegistry } from '../clusterRegistry';
import { kubeConfigAs } from '../timeouts/BoundedKubeConfig';
import { ProvisioningEngine } from './ProvisioningEngine';
import type { ObjectRef } from './types';

jest.setTimeout(120_000);

const clusters = useLocalClusters();

/** Method and path of every request this file's clients finish. */
const finished: string[] = [];
function onResponse(message: unknown) {
  const { request } = message as { request: ClientRequest };
  finished.push(`${request.method} ${request.path.split('?')[0]}`);
}
beforeAll(() =>
  diagnosticsChannel.subscribe('http.client.response.finish', onResponse),
);
afterAll(() =>
  diagnosticsChannel.unsubscribe('http.client.response.finish', onResponse),
);

/** An engine over `cluster` with an in-memory inventory, and the cluster admin's identity on it. */
function engineOn(cluster: LocalCluster) {
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
  const stored = new Map<string, ObjectRef[]>();
  const engine = new ProvisioningEngine({
    clusterRegistry,
    clusterHealth: {
      getHealth: name => ({ cluster: name, status: 'Ready' } as any),
    },
    inventory: {
      get: async (owner, name) => stored.get(`${owner.id}/${name}`),
      set: async (owner, name, objects) => {
        stored.set(`${owner.id}/${name}`, objects);
      },
      delete: async (owner, name) => {
        stored.delete(`${owner.id}/${name}`);
      },
    },
    fallbackNamespace: 'default',
  });
  const admin = kubeConfigAs(clusterRegistry.getKubeConfig(cluster.name), {
    name: 'admin',
    token: cluster.adminToken,
  });
  return { engine, admin };
}

const configMap = (
  namespace: string,
  name: string,
  data: Record<string, string>,
): KubernetesManifest => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});

describe('apply outcomes', () => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace(clusters[0].kubeConfig, 'outcomes');
  });
  afterAll(() => deleteNamespaces(clusters[0].kubeConfig, [namespace]));

  it('an object the dry-run found missing is applied without a read first: created, then unchanged, then configured', async () => {
    const [cluster] = clusters;
    const { engine, admin } = engineOn(cluster);
    const path = `/api/v1/namespaces/${namespace}/configmaps/settings`;
    const run = async (data: Record<string, string>) => {
      finished.length = 0;
      const [result] = await engine.run({
        owner: { kind: 'federated-app', id: `${namespace}/settings` },
        clusters: [
          {
            cluster: cluster.name,
            objects: [configMap(namespace, 'settings', data)],
            kubeConfig: admin,
          },
        ],
      });
      return {
        outcomes: result.results.map(r => r.outcome),
        requests: finished.filter(r => r.endsWith(path)),
      };
    };

    // Dry-run (201: it does not exist), then the apply itself.
    expect(await run({ a: '1' })).toEqual({
      outcomes: ['created'],
      requests: [`PATCH ${path}`, `PATCH ${path}`],
    });
    // It exists now: the apply reads the resourceVersion first to tell unchanged.
    expect(await run({ a: '1' })).toEqual({
      outcomes: ['unchanged'],
      requests: [`PATCH ${path}`, `GET ${path}`, `PATCH ${path}`],
    });
    expect((await run({ a: '2' })).outcomes).toEqual(['configured']);
  });

  it('created is the API server answer: an object another writer created after the dry-run is configured, not created', async () => {
    const [cluster] = clusters;
    const { engine, admin } = engineOn(cluster);
    const applier = engine.applierFor(cluster.name, admin);
    const raced = configMap(namespace, 'raced', { a: '1' });

    expect(answeredCreated(await applier.dryRun(raced))).toBe(true);
    await cluster.kubeConfig
      .makeApiClient(CoreV1Api)
      .createNamespacedConfigMap({
        namespace,
        body: configMap(namespace, 'raced', { b: '2' }),
      });
    expect(answeredCreated(await applier.dryRun(raced))).toBe(false);
    const { outcome, object } = await applier.apply(raced, {
      knownAbsent: true,
    });
    expect(outcome).toBe('configured');
    expect((object as { data?: unknown }).data).toEqual({ a: '1', b: '2' });

    // Without the pre-flight's word, a read before the patch decides as before.
    const fresh = configMap(namespace, 'fresh', { a: '1' });
    expect((await applier.apply(fresh)).outcome).toBe('created');
    expect((await applier.apply(fresh)).outcome).toBe('unchanged');
  });

  it('objects come back in the API server JSON: wire field names and its own timestamps', async () => {
    const [cluster] = clusters;
    const { engine, admin } = engineOn(cluster);
    const applier = engine.applierFor(cluster.name, admin);
    const limits: KubernetesManifest = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '200m' },
            defaultRequest: { cpu: '100m' },
          },
        ],
      },
    };
    const applied = (await applier.apply(limits)).object as any;
    const live = (await applier.read(limits)) as any;
    for (const object of [applied, live]) {
      // `default` is `_default` in client-node's model.
      expect(object.spec.limits[0].default).toEqual({ cpu: '200m' });
      expect(object.spec.limits[0]).not.toHaveProperty('_default');
      // RFC 3339 to the second, as kubectl shows it (a model would give milliseconds).
      expect(object.metadata.creationTimestamp).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
    }
    expect(live.metadata.resourceVersion).toBe(
      applied.metadata.resourceVersion,
    );
    const replaced = (await applier.replace(limits)) as any;
    expect(replaced.spec.limits[0].default).toEqual({ cpu: '200m' });
  });
});

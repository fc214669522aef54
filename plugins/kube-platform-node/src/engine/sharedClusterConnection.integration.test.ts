import {
  createTestNamespace,
  deleteNamespaces,
  type LocalCluster,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { ApiextensionsV1Api, type KubeConfig } from '@kubernetes/client-node';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { createClusterRegistry } from '../clusterRegistry';
import { kubeConfigAs } from '../timeouts/BoundedKubeConfig';
import { ProvisioningEngine } from './ProvisioningEngine';

jest.setTimeout(120_000);

const clusters = useLocalClusters();

/** Every request the clients of this test file finish: path and whether it rode an open connection. */
const finished: { method: string; path: string; reusedSocket: boolean }[] = [];
function onResponse(message: unknown) {
  const { request } = message as { request: ClientRequest };
  finished.push({
    method: request.method,
    path: request.path.split('?')[0],
    reusedSocket: request.reusedSocket,
  });
}
beforeAll(() =>
  diagnosticsChannel.subscribe('http.client.response.finish', onResponse),
);
afterAll(() =>
  diagnosticsChannel.unsubscribe('http.client.response.finish', onResponse),
);

/** A fresh registry and engine over `cluster`: nothing cached yet. */
function freshEngine(cluster: LocalCluster) {
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
  const engine = new ProvisioningEngine({
    clusterRegistry,
    clusterHealth: {
      getHealth: name => ({ cluster: name, status: 'Ready' } as any),
    },
    inventory: {
      get: async () => undefined,
      set: async () => {},
      delete: async () => {},
    },
    fallbackNamespace: 'default',
  });
  const platform = clusterRegistry.getKubeConfig(cluster.name);
  return { engine, platform };
}

const namespaceObject = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

describe('one cluster connection shared by every identity', () => {
  it('a second identity neither discovers the API again nor opens a new TLS connection', async () => {
    const [cluster] = clusters;
    const { engine, platform } = freshEngine(cluster);
    const admin: KubeConfig = kubeConfigAs(platform, {
      name: 'admin',
      token: cluster.adminToken,
    });
    const missing = uniqueName('no-such-namespace');
    finished.length = 0;

    expect(
      (await engine.applierFor(cluster.name).read(namespaceObject('default')))
        ?.metadata?.name,
    ).toBe('default');
    const asAdmin = engine.applierFor(cluster.name, admin);
    expect(engine.applierFor(cluster.name, admin)).toBe(asAdmin);
    expect(
      (await asAdmin.read(namespaceObject('kube-system')))?.metadata?.name,
    ).toBe('kube-system');

    // A missing object is not a missing resource type: discovery stays.
    expect(await asAdmin.read(namespaceObject(missing))).toBeUndefined();
    expect(
      (await engine.applierFor(cluster.name).read(namespaceObject('default')))
        ?.metadata?.name,
    ).toBe('default');

    expect(finished.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1',
      'GET /api/v1/namespaces/default',
      'GET /api/v1/namespaces/kube-system',
      `GET /api/v1/namespaces/${missing}`,
      'GET /api/v1/namespaces/default',
    ]);
    // Only the very first request opened a connection (and paid the handshake).
    expect(finished.map(r => r.reusedSocket)).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
  });

  it('asks discovery again when the API server no longer serves a cached resource path', async () => {
    const [cluster] = clusters;
    const { engine, platform } = freshEngine(cluster);
    const admin = kubeConfigAs(platform, {
      name: 'admin',
      token: cluster.adminToken,
    });
    const applier = engine.applierFor(cluster.name, admin);
    const crds = cluster.kubeConfig.makeApiClient(ApiextensionsV1Api);
    const group = `${uniqueName('b')}.discovery.example.com`;
    const namespace = await createTestNamespace(
      cluster.kubeConfig,
      'discovery',
    );
    const widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'one', namespace },
      spec: { size: 1 },
    };
    const served = (plural: string) =>
      waitFor(
        async () =>
          (
            await crds.readCustomResourceDefinition({
              name: `${plural}.${group}`,
            })
          ).status?.conditions?.some(
            c => c.type === 'Established' && c.status === 'True',
          ),
        { description: `CRD ${plural}.${group} established` },
      );
    try {
      await crds.createCustomResourceDefinition({
        body: widgetCrd(group, 'widgets'),
      });
      await served('widgets');
      await waitFor(
        async () => (await applier.apply(widget)).outcome === 'created',
        {
          description: 'the widget applied',
        },
      );

      // The same kind, now served under another resource path.
      await crds.deleteCustomResourceDefinition({ name: `widgets.${group}` });
      await waitFor(
        async () =>
          !(
            await crds.listCustomResourceDefinition()
          ).items.some(c => c.metadata?.name === `widgets.${group}`),
        { description: 'the first CRD gone' },
      );
      await crds.createCustomResourceDefinition({
        body: widgetCrd(group, 'gizmos'),
      });
      await served('gizmos');

      finished.length = 0;
      // The cached path answers 404 without naming an object: discovery is forgotten ...
      await waitFor(async () => (await applier.read(widget)) === undefined, {
        description: 'the old path refused',
      });
      // ... and asked again, so the next call finds the new path (well before the TTL).
      await waitFor(
        async () =>
          (await applier.apply(widget).catch(() => undefined))?.outcome ===
          'created',
        { description: 'the widget applied under the new path' },
      );
      const paths = finished.map(r => `${r.method} ${r.path}`);
      expect(paths).toContain(
        `GET /apis/${group}/v1/namespaces/${namespace}/widgets/one`,
      );
      expect(paths).toContain(`GET /apis/${group}/v1`);
      expect(paths).toContain(
        `PATCH /apis/${group}/v1/namespaces/${namespace}/gizmos/one`,
      );
    } finally {
      await crds
        .deleteCustomResourceDefinition({ name: `gizmos.${group}` })
        .catch(() => {});
      await crds
        .deleteCustomResourceDefinition({ name: `widgets.${group}` })
        .catch(() => {});
      await deleteNamespaces(cluster.kubeConfig, [namespace]);
    }
  });
});

function widgetCrd(group: string, plural: string) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind: 'Widget', plural, singular: plural.slice(0, -1) },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: { size: { type: 'integer' } },
                },
              },
            },
          },
        },
      ],
    },
  };
}

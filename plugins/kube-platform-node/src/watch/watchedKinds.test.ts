import { mockServices } from '@backstage/backend-test-utils';
import { createClusterRegistry } from '../clusterRegistry';
import { namespacesKind } from './builtinKinds';
import { createClusterCacheService } from './ClusterCacheService';
import { ClusterWatchCache } from './ClusterWatchCache';
import { collectionPath, defineWatchedKind } from './WatchedKind';
import { createWatchedKindRegistry } from './WatchedKindRegistry';
import { createWatchedKindsExtension } from './watchedKindsExtensionPoint';
import { obj, scriptedTransport } from './__testUtils__/scriptedTransport';

/** What the federation feature would keep of a Deployment. */
interface CachedDeployment {
  namespace: string;
  name: string;
  replicas: number;
}

const deploymentsKind = defineWatchedKind({
  id: 'deployments',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  plural: 'deployments',
  namespaced: true,
  labelSelector: 'app.kubernetes.io/managed-by=kube-platform',
  pageSize: 100,
  trim: (d: any): CachedDeployment => ({
    namespace: d.metadata.namespace,
    name: d.metadata.name,
    replicas: d.spec?.replicas ?? 1,
  }),
});

describe('watched kind definitions', () => {
  it('derive the collection path from apiVersion and plural', () => {
    expect(collectionPath(deploymentsKind)).toBe('/apis/apps/v1/deployments');
    expect(collectionPath(namespacesKind)).toBe('/api/v1/namespaces');
  });

  it('are validated when defined, naming the bad field', () => {
    const valid = { ...deploymentsKind };
    expect(() => defineWatchedKind({ ...valid, id: 'Deployments' })).toThrow(
      "Invalid watched kind 'Deployments': id must be lower-case letters, digits, dots and dashes",
    );
    expect(() => defineWatchedKind({ ...valid, apiVersion: 'apps' })).toThrow(
      "apiVersion must look like 'v1' or 'apps/v1'",
    );
    expect(() =>
      defineWatchedKind({ ...valid, trim: undefined as any }),
    ).toThrow('trim must be a function');
    expect(() => defineWatchedKind({ ...valid, pageSize: 0 })).toThrow(
      'pageSize must be positive',
    );
  });
});

describe('the watched kind registry', () => {
  it('holds the built-in kinds first, then added ones in order', () => {
    const registry = createWatchedKindRegistry();
    registry.addKind(deploymentsKind);
    expect(registry.listKinds().map(k => k.id)).toEqual([
      'namespaces',
      'resourcequotas',
      'nodes',
      'deployments',
    ]);
    expect(registry.getKind('deployments')).toBe(deploymentsKind);
    expect(() => registry.getKind('pods')).toThrow(
      "No watched kind 'pods' is registered",
    );
  });

  it('accepts the same definition twice but refuses another under a taken id', () => {
    const registry = createWatchedKindRegistry();
    registry.addKind(deploymentsKind, deploymentsKind);
    expect(() =>
      registry.addKind({ ...deploymentsKind, apiVersion: 'apps/v1beta1' }),
    ).toThrow(
      "Watched kind 'deployments' is already registered (apps/v1 Deployment)",
    );
    expect(() => registry.addKind({ ...namespacesKind })).toThrow(
      "'namespaces' is already registered",
    );
  });

  it('refuses additions once sealed', () => {
    const registry = createWatchedKindRegistry();
    registry.seal();
    expect(() => registry.addKind(deploymentsKind)).toThrow(
      "Cannot watch kind 'deployments': the cluster caches have started",
    );
  });
});

describe('the watched kinds extension', () => {
  it('collects kinds modules add before the plugin forwards them, then forwards directly', () => {
    const extension = createWatchedKindsExtension();
    extension.extensionPoint.addKind(deploymentsKind);
    const registry = createWatchedKindRegistry();
    expect(registry.listKinds()).toHaveLength(3);

    extension.forwardTo(registry);
    expect(registry.getKind('deployments')).toBe(deploymentsKind);

    const pods = defineWatchedKind({
      ...deploymentsKind,
      id: 'pods',
      apiVersion: 'v1',
      plural: 'pods',
    });
    extension.extensionPoint.addKind(pods);
    expect(registry.getKind('pods')).toBe(pods);
  });
});

describe('a cluster cache with registered kinds', () => {
  function cacheWith(items: Record<string, unknown[]>) {
    const script = scriptedTransport(async path => ({
      items: items[path] ?? [],
      resourceVersion: '7',
    }));
    const kinds = createWatchedKindRegistry();
    kinds.addKind(deploymentsKind);
    const cache = new ClusterWatchCache(
      undefined as any,
      kinds,
      mockServices.logger.mock(),
      { transport: script.transport },
    );
    return { cache, kinds, ...script };
  }

  it('watches every registered kind and serves each, typed, by definition or id', async () => {
    const { cache, listCalls, watches } = cacheWith({
      '/apis/apps/v1/deployments': [
        { ...obj('web', '3', 'team-a'), spec: { replicas: 3 } },
      ],
      '/api/v1/namespaces': [obj('team-a', '2')],
    });
    await cache.start();

    const deployments = cache.get(deploymentsKind).list();
    expect(deployments).toEqual([
      { namespace: 'team-a', name: 'web', replicas: 3 },
    ]);
    expect(cache.get<CachedDeployment>('deployments').list()).toEqual(
      deployments,
    );
    expect(cache.namespaces.list().map(n => n.name)).toEqual(['team-a']);
    expect(
      listCalls.find(c => c.path === '/apis/apps/v1/deployments')?.query,
    ).toEqual({
      limit: 100,
      labelSelector: 'app.kubernetes.io/managed-by=kube-platform',
      fieldSelector: undefined,
      continue: undefined,
    });
    expect(watches.map(w => w.path).sort()).toEqual([
      '/api/v1/namespaces',
      '/api/v1/nodes',
      '/api/v1/resourcequotas',
      '/apis/apps/v1/deployments',
    ]);
    cache.stop();
  });

  it('reports every kind in its status, synced only when all are', async () => {
    const { cache, watches } = cacheWith({});
    await cache.start();
    expect(Object.keys(cache.status().resources)).toEqual([
      'namespaces',
      'resourcequotas',
      'nodes',
      'deployments',
    ]);
    expect(cache.status().synced).toBe(true);
    watches
      .find(w => w.path === '/apis/apps/v1/deployments')!
      .done(new Error('socket hang up'));
    expect(cache.status().synced).toBe(false);
    expect(cache.status().resources.deployments).toMatchObject({
      synced: false,
      lastError: 'socket hang up',
    });
    cache.stop();
  });

  it('refuses unknown ids and foreign definitions under a registered id', () => {
    const { cache } = cacheWith({});
    expect(() => cache.get('pods')).toThrow(
      "No watched kind 'pods' is registered",
    );
    expect(() => cache.get({ ...deploymentsKind })).toThrow(
      "Watched kind 'deployments' is registered with another definition",
    );
  });

  it('seals the kinds when the cache service starts', async () => {
    const kinds = createWatchedKindRegistry();
    const service = createClusterCacheService({
      clusterRegistry: createClusterRegistry([]),
      logger: mockServices.logger.mock(),
      watchedKinds: kinds,
    });
    kinds.addKind(deploymentsKind);
    await service.start();
    expect(() => kinds.addKind({ ...deploymentsKind, id: 'late' })).toThrow(
      'the cluster caches have started',
    );
    service.stop();
  });
});

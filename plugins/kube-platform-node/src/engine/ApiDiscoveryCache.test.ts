import type { V1APIResourceList } from '@kubernetes/client-node';
import { ApiDiscoveryCache, DISCOVERY_TTL_MS } from './ApiDiscoveryCache';

function list(...kinds: string[]): V1APIResourceList {
  return {
    groupVersion: 'apps/v1',
    resources: kinds.map(kind => ({
      kind,
      name: `${kind.toLowerCase()}s`,
      namespaced: true,
      singularName: kind.toLowerCase(),
      verbs: ['get'],
    })),
  };
}

/** A cluster whose answers the test sets, counting how often it is asked. */
function fakeDiscovery(initial: V1APIResourceList) {
  let answer = initial;
  const fetch = jest.fn(async () => answer);
  return {
    fetch,
    serve(next: V1APIResourceList) {
      answer = next;
    },
  };
}

describe('ApiDiscoveryCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('asks the cluster once for every identity within the TTL', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const cluster = fakeDiscovery(list('Deployment', 'StatefulSet'));

    const first = await cache.resource('apps/v1', 'Deployment', cluster.fetch);
    now += DISCOVERY_TTL_MS - 1;
    const again = await cache.resource('apps/v1', 'Deployment', cluster.fetch);
    const other = await cache.resource('apps/v1', 'StatefulSet', cluster.fetch);

    expect(first?.name).toBe('deployments');
    expect(again).toBe(first);
    expect(other?.name).toBe('statefulsets');
    expect(cluster.fetch).toHaveBeenCalledTimes(1);
  });

  it('asks again once the TTL has passed', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const cluster = fakeDiscovery(list('Deployment'));
    await cache.resource('apps/v1', 'Deployment', cluster.fetch);

    cluster.serve(list('Deployment', 'ReplicaSet'));
    now += DISCOVERY_TTL_MS;
    await cache.resource('apps/v1', 'Deployment', cluster.fetch);

    expect(cluster.fetch).toHaveBeenCalledTimes(2);
    // The new list is the one kept: no further request for a kind it has.
    expect(
      (await cache.resource('apps/v1', 'ReplicaSet', cluster.fetch))?.name,
    ).toBe('replicasets');
    expect(cluster.fetch).toHaveBeenCalledTimes(2);
  });

  it('asks again when a kind is missing (installed since), and says undefined when it still is', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const cluster = fakeDiscovery(list('Deployment'));
    await cache.resource('apps/v1', 'Deployment', cluster.fetch);

    cluster.serve(list('Deployment', 'Widget'));
    expect(
      (await cache.resource('apps/v1', 'Widget', cluster.fetch))?.name,
    ).toBe('widgets');
    expect(
      await cache.resource('apps/v1', 'Gadget', cluster.fetch),
    ).toBeUndefined();
    expect(cluster.fetch).toHaveBeenCalledTimes(3);
  });

  it('asks again after invalidate (the API server no longer serves a cached path)', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const cluster = fakeDiscovery(list('Widget'));
    expect(
      (await cache.resource('apps/v1', 'Widget', cluster.fetch))?.name,
    ).toBe('widgets');

    cluster.serve({
      ...list('Widget'),
      resources: [{ ...list('Widget').resources[0], name: 'gizmos' }],
    });
    cache.invalidate('apps/v1');

    expect(
      (await cache.resource('apps/v1', 'Widget', cluster.fetch))?.name,
    ).toBe('gizmos');
    expect(cluster.fetch).toHaveBeenCalledTimes(2);
  });

  it('shares one request between concurrent callers', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const cluster = fakeDiscovery(list('Deployment'));

    const found = await Promise.all(
      [1, 2, 3].map(() =>
        cache.resource('apps/v1', 'Deployment', cluster.fetch),
      ),
    );

    expect(found.map(r => r?.name)).toEqual([
      'deployments',
      'deployments',
      'deployments',
    ]);
    expect(cluster.fetch).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed request', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const failing = jest.fn(async (): Promise<V1APIResourceList> => {
      throw new Error('timed out');
    });
    await expect(
      cache.resource('apps/v1', 'Deployment', failing),
    ).rejects.toThrow('timed out');

    const cluster = fakeDiscovery(list('Deployment'));
    expect(
      (await cache.resource('apps/v1', 'Deployment', cluster.fetch))?.name,
    ).toBe('deployments');
    expect(cluster.fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps group versions apart', async () => {
    const cache = new ApiDiscoveryCache({ now: clock });
    const apps = fakeDiscovery(list('Deployment'));
    const core = fakeDiscovery({ groupVersion: 'v1', resources: [] });
    await cache.resource('apps/v1', 'Deployment', apps.fetch);

    expect(
      await cache.resource('v1', 'Deployment', core.fetch),
    ).toBeUndefined();
    cache.invalidate('v1');
    expect(
      (await cache.resource('apps/v1', 'Deployment', apps.fetch))?.name,
    ).toBe('deployments');
    expect(apps.fetch).toHaveBeenCalledTimes(1);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestNamespace,
  freePort,
  isApiError,
  type LocalCluster,
  startLocalCluster,
  uniqueName,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  Reflector,
  type ReflectorOptions,
  type ReflectorSource,
} from './Reflector';
import { createWatchTransport, type WatchTransport } from './WatchTransport';

jest.setTimeout(180_000);

// These tests compact etcd and kill the API server, so they get a cluster of
// their own rather than the shared ones other test files use meanwhile.
let dir: string;
let cluster: LocalCluster;
let core: CoreV1Api;
const reflectors: Reflector<string>[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-platform-watch-'));
  cluster = await startLocalCluster({
    name: 'watch',
    port: await freePort(),
    clustersDir: dir,
  });
  core = cluster.kubeConfig.makeApiClient(CoreV1Api);
}, 10 * 60_000);

afterAll(async () => {
  reflectors.forEach(r => r.stop());
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

afterEach(() => {
  reflectors.splice(0).forEach(r => r.stop());
});

function reflect(
  kubeConfig: KubeConfig,
  source: ReflectorSource<string>,
  options: ReflectorOptions = {},
) {
  const reflector = new Reflector(
    kubeConfig,
    source,
    mockServices.logger.mock(),
    options,
  );
  reflectors.push(reflector);
  return reflector;
}

/** Namespaces carrying this test's own label, as the platform identity sees them. */
function labelledNamespaces(label: string, options: ReflectorOptions = {}) {
  return reflect(
    cluster.platformKubeConfig,
    {
      path: '/api/v1/namespaces',
      trim: ns => ns.metadata.name,
      labelSelector: `kube-platform.io/watch-test=${label}`,
    },
    options,
  );
}

async function createLabelled(label: string) {
  const name = uniqueName('watch');
  await core.createNamespace({
    body: {
      metadata: { name, labels: { 'kube-platform.io/watch-test': label } },
    },
  });
  return name;
}

async function deleteAndWaitGone(name: string) {
  await core.deleteNamespace({ name });
  await waitFor(
    () =>
      core.readNamespace({ name }).then(
        () => false,
        error => isApiError(error, 404),
      ),
    { timeoutMs: 60_000, description: `namespace ${name} to be gone` },
  );
}

async function freshNamespaces(label: string) {
  const list = await core.listNamespace({
    labelSelector: `kube-platform.io/watch-test=${label}`,
  });
  return list.items.map(ns => ns.metadata!.name!).sort();
}

/** An Event about a (notional) ConfigMap of `namespace`. */
function createEvent(namespace: string, name: string) {
  return core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { name },
      involvedObject: { kind: 'ConfigMap', name: 'watch-test', namespace },
      reason: 'WatchTest',
      message: name,
    },
  });
}

const sorted = (reflector: Reflector<string>) => reflector.list().sort();

function waitForRelists(reflector: Reflector<string>, relists: number) {
  return waitFor(() => reflector.status().relists >= relists, {
    timeoutMs: 30_000,
    intervalMs: 20,
    description: `${relists} complete lists`,
  });
}

describe('a reflector against a real API server', () => {
  it('goes through a real 410 after etcd compaction and ends equal to a fresh list (Events, which the API server serves from etcd)', async () => {
    const namespace = await createTestNamespace(cluster.kubeConfig, 'events');
    const event = (name: string) => createEvent(namespace, name);
    await event('e1');
    await event('e2');
    const reflector = reflect(cluster.kubeConfig, {
      path: `/api/v1/namespaces/${namespace}/events`,
      trim: e => e.metadata.name,
    });
    await reflector.start();
    expect(sorted(reflector)).toEqual(['e1', 'e2']);

    reflector.pauseWatch();
    await event('e3');
    await core.deleteNamespacedEvent({ name: 'e1', namespace });
    await cluster.compact();
    const resumedAt = Date.now();
    reflector.resumeWatch();
    await waitForRelists(reflector, 2);

    expect(Date.now() - resumedAt).toBeLessThan(2_000);
    expect(reflector.status()).toMatchObject({ synced: true, expired: 1 });
    const fresh = await core.listNamespacedEvent({ namespace });
    expect(sorted(reflector)).toEqual(
      fresh.items.map(e => e.metadata!.name!).sort(),
    );
    expect(sorted(reflector)).toEqual(['e2', 'e3']);
    // And it watches on from the new list.
    await event('e4');
    await waitFor(() => reflector.list().includes('e4'), {
      timeoutMs: 5_000,
      intervalMs: 20,
      description: 'e4 in the cache',
    });
  });

  it('restarts a paged list whose continue token expired in a real compaction', async () => {
    const namespace = await createTestNamespace(cluster.kubeConfig, 'pages');
    for (const name of ['p1', 'p2', 'p3']) await createEvent(namespace, name);
    // Compact between the first and the second page of the first list.
    const real = createWatchTransport(cluster.kubeConfig);
    let compacted = false;
    const transport: WatchTransport = {
      ...real,
      async listPage(p, query, signal) {
        const page = await real.listPage(p, query, signal);
        if (!compacted) {
          compacted = true;
          await cluster.compact();
        }
        return page;
      },
    };
    const reflector = reflect(
      cluster.kubeConfig,
      {
        path: `/api/v1/namespaces/${namespace}/events`,
        trim: e => e.metadata.name,
        pageSize: 1,
      },
      { transport },
    );
    await reflector.start();

    expect(reflector.status()).toMatchObject({
      synced: true,
      expired: 1,
      relists: 1,
    });
    expect(sorted(reflector)).toEqual(['p1', 'p2', 'p3']);
  });

  it('gives a gap the watch cache still holds no 410: the Namespace watch replays it', async () => {
    const label = uniqueName('replay');
    const kept = await createLabelled(label);
    const doomed = await createLabelled(label);
    const reflector = labelledNamespaces(label);
    await reflector.start();
    expect(sorted(reflector)).toEqual([kept, doomed].sort());

    reflector.pauseWatch();
    const added = await createLabelled(label);
    await deleteAndWaitGone(doomed);
    await cluster.compact();
    reflector.resumeWatch();

    // etcd forgot the gap, but the API server's watch cache did not.
    await waitFor(() => !reflector.list().includes(doomed), {
      timeoutMs: 10_000,
      intervalMs: 20,
      description: `${doomed} to leave the cache`,
    });
    expect(reflector.status()).toMatchObject({ expired: 0, relists: 1 });
    expect(sorted(reflector)).toEqual(await freshNamespaces(label));
    expect(sorted(reflector)).toEqual([kept, added].sort());
  });

  it('goes through a real 410 when the API server restarted over a compacted gap (Namespaces)', async () => {
    const label = uniqueName('gone');
    const doomed = await createLabelled(label);
    const reflector = labelledNamespaces(label);
    await reflector.start();
    expect(sorted(reflector)).toEqual([doomed]);

    reflector.pauseWatch();
    const added = await createLabelled(label);
    await deleteAndWaitGone(doomed);
    await cluster.compact();
    // A restarted API server's watch cache starts at the current revision,
    // and etcd no longer has the history: the held resourceVersion is gone.
    await cluster.kill();
    await cluster.restart();
    const resumedAt = Date.now();
    reflector.resumeWatch();
    await waitForRelists(reflector, 2);

    expect(Date.now() - resumedAt).toBeLessThan(2_000);
    expect(reflector.status()).toMatchObject({ synced: true, expired: 1 });
    expect(sorted(reflector)).toEqual(await freshNamespaces(label));
    expect(sorted(reflector)).toEqual([added]);
  });

  it('counts bookmarks as freshness when unrelated changes move the resourceVersion', async () => {
    // The API server sends a bookmark about every minute and 2 s before the
    // watch's timeoutSeconds, and only once its resourceVersion passed ours:
    // a 4 s watch timeout gets one within ~2 s of a change.
    const label = uniqueName('quiet');
    const reflector = labelledNamespaces(label, { watchTimeoutSeconds: 4 });
    await reflector.start();
    const changes = jest.fn();
    reflector.onChange(changes);
    const before = reflector.status();

    await createLabelled(uniqueName('other'));
    await waitFor(() => reflector.status().bookmarks > 0, {
      timeoutMs: 15_000,
      intervalMs: 50,
      description: 'a bookmark',
    });

    const after = reflector.status();
    expect(Number(after.resourceVersion)).toBeGreaterThan(
      Number(before.resourceVersion),
    );
    expect(Date.parse(after.lastEventTime!)).toBeGreaterThan(
      Date.parse(before.lastEventTime!),
    );
    expect(after).toMatchObject({ synced: true, relists: 1, count: 0 });
    expect(after.lastListTime).toBe(before.lastListTime);
    expect(changes).not.toHaveBeenCalled();
  });

  it('turns unsynced when the cluster process dies and synced again after it restarts', async () => {
    const label = uniqueName('outage');
    const survivor = await createLabelled(label);
    const reflector = labelledNamespaces(label);
    await reflector.start();
    expect(reflector.status().synced).toBe(true);

    await cluster.kill();
    const down = await waitFor(
      () => (reflector.status().synced ? undefined : reflector.status()),
      { timeoutMs: 5_000, intervalMs: 20, description: 'synced to turn false' },
    );
    expect(down.lastError).toMatch(
      /ECONNREFUSED|ECONNRESET|socket hang up|closed/,
    );
    expect(sorted(reflector)).toEqual([survivor]);

    await cluster.restart();
    await waitFor(() => reflector.status().synced, {
      timeoutMs: 40_000,
      intervalMs: 50,
      description: 'synced to turn true again',
    });
    expect(reflector.status()).toMatchObject({
      failures: 0,
      lastError: undefined,
    });
    expect(reflector.status().relists).toBeGreaterThanOrEqual(2);
    expect(sorted(reflector)).toEqual(await freshNamespaces(label));
  });
});

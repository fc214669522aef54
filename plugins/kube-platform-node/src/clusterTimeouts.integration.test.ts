import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  freePort,
  type LocalCluster,
  startLocalCluster,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import diagnosticsChannel from 'node:diagnostics_channel';
import fs from 'node:fs';
import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ManifestApplier } from './apply/ManifestApplier';
import type { ClusterConnection } from './clusterConfig';
import { createClusterRegistry } from './clusterRegistry';
import { assertClusterReady } from './health/assertClusterReady';
import { ClusterHealthMonitor } from './health/ClusterHealthMonitor';
import { isClusterTimeout } from './timeouts/ClusterTimeoutError';

jest.setTimeout(180_000);

const REQUEST_TIMEOUT_MS = 1_000;
const PROBE_TIMEOUT_MS = 1_500;

// A cluster of its own: pausing a shared one would stall other test files.
let cluster: LocalCluster;
let clustersDir: string;

beforeAll(async () => {
  clustersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-timeouts-'));
  cluster = await startLocalCluster({
    name: 'timeouts',
    port: await freePort(),
    clustersDir,
  });
}, 600_000);

afterAll(async () => {
  // A stopped process would ignore SIGTERM until continued.
  cluster?.resume();
  await cluster?.stop();
  fs.rmSync(clustersDir, { recursive: true, force: true });
});

function connection(overrides: Partial<ClusterConnection> = {}): ClusterConnection {
  return {
    name: cluster.name,
    url: cluster.server,
    caData: cluster.caData,
    skipTLSVerify: false,
    token: cluster.platformToken,
    labels: {},
    host: false,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    ...overrides,
  };
}

function monitorOf(registry: ReturnType<typeof createClusterRegistry>) {
  return new ClusterHealthMonitor(
    { clusterRegistry: registry, logger: mockServices.logger.mock() },
    { timeoutMs: PROBE_TIMEOUT_MS },
  );
}

/** TCP state of our end of a connection, from /proc/net/tcp ('01' is ESTABLISHED). */
function tcpState(localPort: number, remotePort: number): string | undefined {
  const port = (address: string) => parseInt(address.split(':')[1], 16);
  return fs
    .readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map(line => line.trim().split(/\s+/))
    .find(f => f.length > 3 && port(f[1]) === localPort && port(f[2]) === remotePort)?.[3];
}

/** Collects the sockets of every HTTP(S) request this process starts while `run` runs. */
async function withClientSockets<T>(run: (sockets: Socket[]) => Promise<T>): Promise<T> {
  const sockets: Socket[] = [];
  const onRequest = (message: unknown) => {
    // Published once the request has its socket, or just before.
    const { request } = message as { request: ClientRequest };
    if (request.socket) sockets.push(request.socket);
    else request.once('socket', socket => sockets.push(socket));
  };
  diagnosticsChannel.subscribe('http.client.request.start', onRequest);
  try {
    return await run(sockets);
  } finally {
    diagnosticsChannel.unsubscribe('http.client.request.start', onRequest);
  }
}

async function timed<T>(promise: Promise<T>) {
  const started = performance.now();
  const settled = await promise.then(
    value => ({ value, error: undefined as unknown }),
    error => ({ value: undefined, error }),
  );
  return { ...settled, ms: Math.round(performance.now() - started) };
}

describe('every call to a hung (SIGSTOPped) cluster is bounded', () => {
  it('aborts reads at the request timeout, releases the socket, probes time out, and recovers after SIGCONT', async () => {
    const registry = createClusterRegistry([connection()]);
    const core = registry.getKubeConfig(cluster.name).makeApiClient(CoreV1Api);
    const applier = new ManifestApplier(registry.getKubeConfig(cluster.name));
    const monitor = monitorOf(registry);
    await expect(core.listNamespace()).resolves.toBeDefined();
    expect((await monitor.probe(cluster.name)).status).toBe('Ready');

    cluster.pause();
    try {
      const read = await withClientSockets(async sockets => {
        const pending = timed(core.listNamespace());
        // Before the deadline the connection is open: the kernel accepted it,
        // the stopped API server never answers.
        const socket = await waitFor(
          () =>
            sockets[0]?.localPort !== undefined &&
            tcpState(sockets[0].localPort, cluster.port) === '01' &&
            sockets[0],
          { timeoutMs: REQUEST_TIMEOUT_MS, intervalMs: 20, description: 'an open connection' },
        );
        const result = await pending;
        return { ...result, socket, localPort: socket.localPort! };
      });
      expect(isClusterTimeout(read.error)).toBe(true);
      expect((read.error as Error).message).toBe(
        `Cluster '${cluster.name}' did not answer GET /api/v1/namespaces within ${REQUEST_TIMEOUT_MS} ms; the request was aborted`,
      );
      expect(read.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 10);
      expect(read.ms).toBeLessThan(2 * REQUEST_TIMEOUT_MS);
      // The abort destroyed the socket: ours leaves ESTABLISHED (FIN sent), where a
      // promise race would have left it open for as long as the process is stopped.
      expect(read.socket.destroyed).toBe(true);
      await waitFor(() => tcpState(read.localPort, cluster.port) !== '01', {
        timeoutMs: 500,
        intervalMs: 20,
        description: 'the aborted connection to close',
      });

      // The applier (KubernetesObjectApi) is bounded the same way.
      const applied = await timed(
        applier.read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }),
      );
      expect(isClusterTimeout(applied.error)).toBe(true);
      expect(applied.ms).toBeLessThan(2 * REQUEST_TIMEOUT_MS);

      const probed = await withClientSockets(async sockets => ({
        ...(await timed(monitor.probe(cluster.name))),
        sockets,
      }));
      // The probe's two requests share one deadline; the first one hangs.
      expect(probed.sockets).toHaveLength(1);
      expect(probed.sockets[0].destroyed).toBe(true);
      expect(probed.value).toMatchObject({
        reason: 'Timeout',
        lastError: `Timeout: no answer within ${PROBE_TIMEOUT_MS} ms; the probe was aborted`,
      });
      expect(probed.ms).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS - 10);
      expect(probed.ms).toBeLessThan(PROBE_TIMEOUT_MS + 1_000);
    } finally {
      cluster.resume();
    }

    await waitFor(() => core.listNamespace(), {
      timeoutMs: 20_000,
      description: `${cluster.name} to answer after SIGCONT`,
    });
    const resumed = await timed(core.listNamespace());
    expect(resumed.error).toBeUndefined();
    expect(resumed.value?.items.length).toBeGreaterThan(0);
    expect((await monitor.probe(cluster.name)).status).toBe('Ready');
  });
});

describe('a probe whose token is refused', () => {
  it('reports an auth failure, turns the cluster NotReady at once, and fails requests fast', async () => {
    const registry = createClusterRegistry([connection({ token: 'not-a-valid-token' })]);
    const monitor = monitorOf(registry);

    const health = await monitor.probe(cluster.name);

    expect(health).toMatchObject({
      status: 'NotReady',
      reason: 'Unauthorized',
      lastError: "Unauthorized: the platform's token was refused (401)",
      consecutiveFailures: 1,
    });
    expect(() => assertClusterReady(monitor, cluster.name)).toThrow(ServiceUnavailableError);
    expect(() => assertClusterReady(monitor, cluster.name)).toThrow(
      `Cluster '${cluster.name}' is NotReady since ${health.lastTransitionTime} ` +
        `(Unauthorized, 1 failed probe in a row, last probe ${health.lastProbeTime}): ` +
        "Unauthorized: the platform's token was refused (401)",
    );
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import {
  freePort,
  type LocalCluster,
  startLocalCluster,
} from '@kube-platform/localcluster-testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClusterRegistry } from '../clusterRegistry';
import { ClusterHealthMonitor } from './ClusterHealthMonitor';

jest.setTimeout(180_000);

// A cluster of its own: killing a shared one would disturb other test files.
let cluster: LocalCluster;
let clustersDir: string;

beforeAll(async () => {
  clustersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-health-'));
  cluster = await startLocalCluster({
    name: 'health-probe',
    port: await freePort(),
    clustersDir,
    labels: { region: 'test' },
  });
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(clustersDir, { recursive: true, force: true });
});

function monitorFor(target: LocalCluster) {
  const clusterRegistry = createClusterRegistry([
    {
      name: target.name,
      url: target.server,
      caData: target.caData,
      skipTLSVerify: false,
      token: target.platformToken,
      labels: {},
      host: false,
    },
    {
      // Nothing listens on port 1: this cluster must never delay the real one.
      name: 'unreachable',
      url: 'https://127.0.0.1:1',
      skipTLSVerify: true,
      token: 'x',
      labels: {},
      host: false,
    },
  ]);
  return new ClusterHealthMonitor(
    { clusterRegistry, logger: mockServices.logger.mock() },
    { timeoutMs: 3_000 },
  );
}

describe('ClusterHealthMonitor against a real cluster', () => {
  it('reports Ready with version and latency, NotReady after three failed probes, Ready after one success', async () => {
    const monitor = monitorFor(cluster);

    await monitor.probeAll();
    const ready = monitor.getHealth(cluster.name);
    expect(ready.status).toBe('Ready');
    expect(ready.version).toMatch(/^v1\.36\./);
    expect(ready.latencyMs).toBeGreaterThanOrEqual(0);
    // One failure is not enough to turn the unreachable cluster NotReady.
    expect(monitor.getHealth('unreachable')).toMatchObject({
      status: 'Unknown',
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });

    await cluster.kill();
    await monitor.probe(cluster.name);
    await monitor.probe(cluster.name);
    const stillReady = monitor.getHealth(cluster.name);
    expect(stillReady.status).toBe('Ready');
    expect(stillReady.consecutiveFailures).toBe(2);
    expect(stillReady.lastError).toMatch(/ECONNREFUSED/);

    await monitor.probe(cluster.name);
    const notReady = monitor.getHealth(cluster.name);
    expect(notReady.status).toBe('NotReady');
    expect(notReady.lastTransitionTime).toBe(notReady.lastProbeTime);

    await cluster.restart();
    await monitor.probe(cluster.name);
    const recovered = monitor.getHealth(cluster.name);
    expect(recovered.status).toBe('Ready');
    expect(recovered.history.map(p => p.ok)).toEqual([true, false, false, false, true]);
  });
});

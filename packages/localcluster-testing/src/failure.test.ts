import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api, VersionApi } from '@kubernetes/client-node';
import {
  LocalCluster,
  createTestNamespace,
  freePort,
  startLocalCluster,
  useLocalClusters,
} from './index';

jest.setTimeout(120_000);

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('killing a cluster process', () => {
  // The shared clusters may be used by other test files at the same time, so
  // the victim is a cluster of its own, started (and owned) by this file.
  let dir: string;
  let victim: LocalCluster;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-platform-kill-'));
    victim = await startLocalCluster({
      name: 'victim',
      port: await freePort(),
      clustersDir: dir,
      labels: { purpose: 'kill-test' },
    });
  }, 10 * 60_000);

  afterAll(async () => {
    await victim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('makes its API unreachable at once while the others keep serving, and it can be restarted', async () => {
    const core = victim.kubeConfig.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(victim.kubeConfig, 'survivor');
    const pidBefore = victim.pid;
    const platformTokenBefore = victim.platformToken;
    expect(await victim.isReady()).toBe(true);

    await victim.kill();

    await expect(
      victim.kubeConfig.makeApiClient(VersionApi).getCode(),
    ).rejects.toThrow(/ECONNREFUSED/);
    expect(await victim.isReady()).toBe(false);

    const versions = await Promise.all(
      clusters.map(c => c.kubeConfig.makeApiClient(VersionApi).getCode()),
    );
    expect(versions.map(v => v.minor)).toEqual(['36', '36', '36']);
    expect(await Promise.all(clusters.map(c => c.isReady()))).toEqual([
      true,
      true,
      true,
    ]);

    // Same port, data dir, CA and token: existing clients work again and
    // the data written before the kill is still there.
    await victim.restart();
    expect(victim.pid).not.toBe(pidBefore);
    expect(await victim.isReady()).toBe(true);
    const ns = await core.readNamespace({ name: namespace });
    expect(ns.metadata?.name).toBe(namespace);
    // The platform's ServiceAccount token is the same and still accepted, so
    // app-config.local.yaml stays valid across restarts.
    expect(victim.platformToken).toBe(platformTokenBefore);
    const nodes = await victim
      .kubeConfigFor(platformTokenBefore)
      .makeApiClient(CoreV1Api)
      .listNode();
    expect(nodes.items.length).toBeGreaterThan(0);
  });
});

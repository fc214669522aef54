import {
  freePort,
  LOCAL_CLUSTER_SPECS,
  type LocalCluster,
  startLocalCluster,
} from '@kube-platform/localcluster-testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Clusters of the test file's own, started before its tests and stopped after
 * them (resumed first if a test left one paused): a test that pauses a
 * cluster must not stall the other test files on the shared clusters. Names
 * and labels as the shared ones (`cluster-1` is us-west, ...).
 */
export function useOwnClusters(
  names: string[],
  /** Runs before the clusters stop, e.g. stopping the backends that watch them. */
  beforeStop: () => Promise<unknown> = async () => undefined,
): LocalCluster[] {
  const clusters: LocalCluster[] = [];
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-federation-'));
    const started = await Promise.allSettled(
      names.map(async name =>
        startLocalCluster({
          name,
          port: await freePort(),
          clustersDir: dir,
          labels: LOCAL_CLUSTER_SPECS.find(s => s.name === name)?.labels ?? {},
          metrics: false,
        }),
      ),
    );
    for (const s of started)
      if (s.status === 'fulfilled') clusters.push(s.value);
    const failed = started.find(s => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }, 600_000);
  afterAll(async () => {
    for (const c of clusters) c.resume();
    await beforeStop();
    await Promise.all(clusters.map(c => c.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
  return clusters;
}

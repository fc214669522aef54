import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LocalCluster,
  attachLocalCluster,
  freePort,
  isPortFree,
  startLocalCluster,
} from './localCluster';
import {
  HARNESS_BASE_PORT,
  LOCAL_CLUSTER_SPECS,
  TEST_CLUSTERS_ENV,
  metricsOffClusters,
} from './specs';

/** The three local clusters, either started here or reused. */
export interface LocalClusterSet {
  /** Clusters dir holding `<name>/cluster.json` for each cluster. */
  readonly dir: string;
  /** cluster-1, cluster-2, cluster-3, in that order. */
  readonly clusters: LocalCluster[];
  /** True when this process started the clusters. */
  readonly owned: boolean;
  /** The cluster called `name`; throws if there is none. */
  get(name: string): LocalCluster;
  /** Stops the clusters if owned and removes a temporary clusters dir. */
  stop(): Promise<void>;
}

/** Options of {@link startLocalClusters}. */
export interface StartLocalClustersOptions {
  /** Clusters dir; a fresh temporary dir (removed by `stop()`) when omitted. */
  clustersDir?: string;
  /**
   * Preferred port of cluster-1, cluster-2 and cluster-3 use the next two
   * (default 17443); if any of them is taken, all three get free ports instead.
   */
  basePort?: number;
  /**
   * Names of the clusters to start without `metrics.k8s.io` (`--metrics=false`);
   * default: those in `$KUBE_PLATFORM_CLUSTERS_METRICS_OFF`, else none.
   */
  metricsOff?: string[];
}

function makeSet(
  dir: string,
  clusters: LocalCluster[],
  owned: boolean,
  removeDir: boolean,
): LocalClusterSet {
  return {
    dir,
    clusters,
    owned,
    get(name) {
      const cluster = clusters.find(c => c.name === name);
      if (!cluster) {
        throw new Error(`no local cluster called ${name}`);
      }
      return cluster;
    },
    async stop() {
      await Promise.all(clusters.map(c => c.stop()));
      if (removeDir) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Builds tools/localcluster if needed and starts cluster-1..3 in parallel, owned by this process. */
export async function startLocalClusters(
  options: StartLocalClustersOptions = {},
): Promise<LocalClusterSet> {
  const preferred = LOCAL_CLUSTER_SPECS.map(
    spec => (options.basePort ?? HARNESS_BASE_PORT) + spec.portOffset,
  );
  const ports = (await Promise.all(preferred.map(isPortFree))).every(Boolean)
    ? preferred
    : await Promise.all(preferred.map(() => freePort()));
  const metricsOff = options.metricsOff ?? metricsOffClusters();
  const removeDir = !options.clustersDir;
  const dir =
    options.clustersDir ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'kube-platform-clusters-'));
  const results = await Promise.allSettled(
    LOCAL_CLUSTER_SPECS.map((spec, i) =>
      startLocalCluster({
        name: spec.name,
        port: ports[i],
        clustersDir: dir,
        labels: spec.labels,
        metrics: !metricsOff.includes(spec.name),
      }),
    ),
  );
  const started = results.flatMap(r =>
    r.status === 'fulfilled' ? [r.value] : [],
  );
  const failed = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  const set = makeSet(dir, started, true, removeDir);
  if (failed) {
    await set.stop();
    throw failed.reason;
  }
  return set;
}

/** Wraps the clusters running in `dir` (as written by `scripts/clusters up`); never stops them. */
export function attachLocalClusters(dir: string): LocalClusterSet {
  const abs = path.resolve(dir);
  const clusters = LOCAL_CLUSTER_SPECS.map(spec =>
    attachLocalCluster(abs, spec.name, spec.labels),
  );
  return makeSet(abs, clusters, false, false);
}

let current: Promise<LocalClusterSet> | undefined;

/**
 * The three clusters for this test file: reuses `$KUBE_PLATFORM_TEST_CLUSTERS`
 * when set, else starts its own (temp dir; ports 17443 + 10 × jest worker id
 * when free).
 */
export function getLocalClusterSet(): Promise<LocalClusterSet> {
  if (!current) {
    const dir = process.env[TEST_CLUSTERS_ENV];
    current = dir
      ? Promise.resolve().then(() => attachLocalClusters(dir))
      : startLocalClusters({
          basePort:
            HARNESS_BASE_PORT + 10 * Number(process.env.JEST_WORKER_ID ?? 1),
        });
    // A failed start must not be cached for the next caller.
    current.catch(() => (current = undefined));
  }
  return current;
}

/** cluster-1, cluster-2 and cluster-3 (see {@link getLocalClusterSet}). */
export async function getLocalClusters(): Promise<LocalCluster[]> {
  return (await getLocalClusterSet()).clusters;
}

/** Stops the clusters {@link getLocalClusterSet} started (no-op for reused ones). */
export async function releaseLocalClusters(): Promise<void> {
  const set = current;
  current = undefined;
  await (await set?.catch(() => undefined))?.stop();
}

/**
 * Jest helper: returns an array that holds cluster-1..3 from `beforeAll` on and
 * releases them in `afterAll`; call it at the top level of a test file so that
 * afterAll hooks of describe blocks still find the clusters running.
 */
export function useLocalClusters(): LocalCluster[] {
  const clusters: LocalCluster[] = [];
  beforeAll(async () => {
    clusters.push(...(await getLocalClusters()));
  }, 10 * 60_000);
  afterAll(async () => {
    await releaseLocalClusters();
  }, 60_000);
  return clusters;
}

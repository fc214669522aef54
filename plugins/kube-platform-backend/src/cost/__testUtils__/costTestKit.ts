import {
  freePort,
  type LocalCluster,
  startLocalCluster,
  waitFor,
} from '@kube-platform/localcluster-testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import type { Knex } from 'knex';

/** The reference's default prices (the cost model's defaults). */
export const PRICES = {
  cpuCoreHour: 0.05,
  memoryGiBHour: 0.01,
  storageGiBHour: 0.001,
};

const MI = 1 / 1024;

/** A test pod: requests (cores, MiB), its usage annotation, and what it should cost per hour. */
export interface CostTestPod {
  cluster: string;
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  requests: { cpu: string; memory: string };
  /** `localcluster.kube-platform.io/usage`, e.g. `cpu=300m,memory=128Mi`. */
  usage?: string;
  /** Hand-computed allocation per hour: max(request, usage) × prices. */
  ratePerHour: number;
}

/** Cost per hour of `cores` CPU and `mib` MiB of memory at the default prices. */
export function hourlyRate(cores: number, mib: number): number {
  return cores * PRICES.cpuCoreHour + mib * MI * PRICES.memoryGiBHour;
}

/** Creates the pod with the cluster's admin identity (the platform cannot create pods) and waits until it runs. */
export async function runPod(
  cluster: LocalCluster,
  pod: CostTestPod,
): Promise<V1Pod> {
  const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
  await core.createNamespacedPod({
    namespace: pod.namespace,
    body: {
      metadata: {
        name: pod.name,
        labels: pod.labels,
        annotations: pod.usage
          ? { 'localcluster.kube-platform.io/usage': pod.usage }
          : undefined,
      },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'registry.example.com/web:1.0',
            resources: {
              requests: pod.requests,
              limits: pod.requests,
            },
          },
        ],
      },
    },
  });
  return waitFor(
    async () => {
      const live = await core.readNamespacedPod({
        name: pod.name,
        namespace: pod.namespace,
      });
      return live.status?.phase === 'Running' && live.status.startTime
        ? live
        : undefined;
    },
    { timeoutMs: 60_000, description: `pod ${pod.name} running` },
  );
}

/** A sampled interval as stored. */
export interface StoredSample {
  cluster: string;
  start: number;
  end: number;
}

/** Every stored sample, read from the backend's database. */
export async function storedSamples(knex: Knex): Promise<StoredSample[]> {
  const rows = await knex('kube_platform_cost_samples').select();
  return rows.map(r => ({
    cluster: r.cluster,
    start: Number(r.interval_start),
    end: Number(r.interval_end),
  }));
}

/** Hours of the samples of `cluster` that start at or after `since`. */
export function sampledHours(
  samples: StoredSample[],
  cluster: string,
  since: number,
): number {
  return samples
    .filter(s => s.cluster === cluster && s.start >= since)
    .reduce((sum, s) => sum + (s.end - s.start) / 3_600_000, 0);
}

/** Waits until every cluster has `count` samples starting at or after `since`. */
export async function waitForSamples(
  knex: Knex,
  clusters: string[],
  since: number,
  count: number,
): Promise<void> {
  await waitFor(
    async () => {
      const samples = await storedSamples(knex);
      return (
        clusters.every(
          c =>
            samples.filter(s => s.cluster === c && s.start >= since).length >=
            count,
        ) || undefined
      );
    },
    {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: `${count} cost samples since ${new Date(
        since,
      ).toISOString()}`,
    },
  );
}

/** Relative difference of two amounts. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/**
 * A cluster that does not serve metrics.k8s.io: one of the set when started so
 * (`KUBE_PLATFORM_CLUSTERS_METRICS_OFF`), else one of its own, stopped by `release`.
 */
export async function clusterWithoutMetrics(
  clusters: LocalCluster[],
): Promise<{
  cluster: LocalCluster;
  owned: boolean;
  release(): Promise<void>;
}> {
  const existing = clusters.find(c => !c.metrics);
  if (existing) {
    return { cluster: existing, owned: false, release: async () => undefined };
  }
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'kube-platform-cost-no-metrics-'),
  );
  const cluster = await startLocalCluster({
    name: 'no-metrics',
    port: await freePort(),
    clustersDir: dir,
    metrics: false,
  });
  return {
    cluster,
    owned: true,
    async release() {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

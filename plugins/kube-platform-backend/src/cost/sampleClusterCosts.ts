import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type CostInterval,
  pendingSampleIntervals,
  sampleClusterCost,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { clusterCostInput, unsyncedCostKinds } from './clusterCostInput';
import type { CostStore } from './CostStore';
import type { CostSettings } from './readCostSettings';
import { type ClusterPodUsage, readPodUsage } from './readPodUsage';

/** What the sampler needs. */
export interface CostSamplerDeps {
  store: CostStore;
  settings: CostSettings;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  clusterHealth: Pick<ClusterHealthMonitor, 'getHealth'>;
  logger: LoggerService;
  /** Usage reader; the metrics API through the platform identity by default. */
  readUsage?: (kubeConfig: KubeConfig) => Promise<ClusterPodUsage>;
  now?: () => number;
}

/** What one run did for one cluster. */
export interface ClusterSampleReport {
  cluster: string;
  /** Intervals added now (not those another run had already stored). */
  sampled: CostInterval[];
  /** Intervals recorded as gaps, with why. */
  gaps: Array<CostInterval & { reason: string }>;
  usageSource?: 'metrics' | 'requests';
}

function spanning(intervals: readonly CostInterval[]): CostInterval {
  return {
    start: intervals[0].start,
    end: intervals[intervals.length - 1].end,
  };
}

/** Why the cluster cannot be sampled now, or undefined when it can. */
function notSampleable(deps: CostSamplerDeps, cluster: string) {
  const health = deps.clusterHealth.getHealth(cluster);
  if (health.status === 'NotReady') {
    return `cluster NotReady${health.reason ? ` (${health.reason})` : ''}`;
  }
  const unsynced = unsyncedCostKinds(deps.clusterCache.forCluster(cluster));
  return unsynced.length > 0
    ? `watch cache not in sync: ${unsynced.join(', ')}`
    : undefined;
}

async function recordGap(
  deps: CostSamplerDeps,
  report: ClusterSampleReport,
  interval: CostInterval,
  reason: string,
) {
  await deps.store.addGap({
    cluster: report.cluster,
    from: interval.start,
    to: interval.end,
    reason,
  });
  report.gaps.push({ ...interval, reason });
  deps.logger.warn('Cost not sampled: gap recorded', {
    cluster: report.cluster,
    from: new Date(interval.start).toISOString(),
    to: new Date(interval.end).toISOString(),
    reason,
  });
}

/**
 * Samples one cluster on the fixed grid: the cells since its last sample,
 * priced from the watch cache and the metrics API now. A cluster that is
 * NotReady, whose cache is not in sync or whose usage cannot be read leaves a
 * gap, never an invented value; cells too old to sample honestly are a gap too.
 */
export async function sampleClusterCosts(
  deps: CostSamplerDeps,
  cluster: string,
  now: number,
): Promise<ClusterSampleReport> {
  const report: ClusterSampleReport = { cluster, sampled: [], gaps: [] };
  const pending = pendingSampleIntervals(
    await deps.store.sampledUntil(cluster),
    now,
    deps.settings.sampleFrequencyMs,
  );
  if (pending.gap) {
    await recordGap(
      deps,
      report,
      pending.gap,
      'not sampled in time (sampler stopped or late)',
    );
  }
  if (pending.intervals.length === 0) return report;
  const blocked = notSampleable(deps, cluster);
  if (blocked) {
    await recordGap(deps, report, spanning(pending.intervals), blocked);
    return report;
  }
  let usage: ClusterPodUsage;
  try {
    usage = await (deps.readUsage ?? readPodUsage)(
      deps.clusterRegistry.getKubeConfig(cluster),
    );
  } catch (error) {
    const reason = `usage not readable: ${(error as Error).message}`;
    await recordGap(deps, report, spanning(pending.intervals), reason);
    return report;
  }
  report.usageSource = usage.source;
  const input = clusterCostInput(
    deps.clusterCache.forCluster(cluster),
    usage,
    deps.settings.pricingOf(cluster),
  );
  for (const interval of pending.intervals) {
    const sample = sampleClusterCost(cluster, input, interval);
    if (await deps.store.addSample(sample, usage.source)) {
      report.sampled.push(interval);
    }
  }
  return report;
}

/** One run of the sampler over every registered cluster, then retention. */
export async function sampleAllClusterCosts(
  deps: CostSamplerDeps,
): Promise<ClusterSampleReport[]> {
  const now = (deps.now ?? Date.now)();
  // In parallel: a hung cluster waits out its own request timeout, never delays the others.
  const results = await Promise.all(
    deps.clusterRegistry.listClusters().map(async ({ name }) => {
      try {
        return await sampleClusterCosts(deps, name, now);
      } catch (error) {
        // One cluster's failure (e.g. the database) must not stop the others.
        deps.logger.error('Cost sample failed', {
          cluster: name,
          error: String(error),
        });
        return undefined;
      }
    }),
  );
  const reports = results.filter(
    (r): r is ClusterSampleReport => r !== undefined,
  );
  const pruned = await deps.store.prune(now, {
    hourlyMs: deps.settings.hourlyRetentionMs,
    dailyMs: deps.settings.dailyRetentionMs,
  });
  deps.logger.debug('Cost sampled', {
    clusters: reports.length,
    sampled: reports.reduce((n, r) => n + r.sampled.length, 0),
    gaps: reports.reduce((n, r) => n + r.gaps.length, 0),
    pruned,
  });
  return reports;
}

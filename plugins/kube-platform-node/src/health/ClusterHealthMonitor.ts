import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  applyProbe,
  type ClusterHealthWithReason,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholds,
  initialClusterHealth,
} from '@kube-platform/plugin-kube-platform-common';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterRegistry } from '../clusterRegistry';
import { probeApiServer } from './probeApiServer';

/** Probe settings; the defaults are KubeFed's. */
export interface HealthMonitorOptions extends HealthThresholds {
  /** Per-probe timeout in milliseconds (KubeFed: 3 s). */
  timeoutMs: number;
  /** Probes running at once across all clusters. */
  maxConcurrentProbes: number;
}

/** KubeFed's defaults: 3 s timeout, NotReady after 3 failures, Ready after 1 success. */
export const DEFAULT_HEALTH_MONITOR_OPTIONS: HealthMonitorOptions = {
  ...DEFAULT_HEALTH_THRESHOLDS,
  timeoutMs: 3_000,
  maxConcurrentProbes: 16,
};

/**
 * Probes each registered cluster's `/readyz` and `/version` and folds the results
 * into health with thresholds. Every probe is aborted at its timeout and probes
 * run in parallel up to a limit, so one hung cluster never delays the others.
 * Follows the registry: a cluster added at run time is probed at once, a
 * removed one is forgotten.
 */
export class ClusterHealthMonitor {
  private readonly health = new Map<string, ClusterHealthWithReason>();
  private readonly options: HealthMonitorOptions;

  constructor(
    private readonly deps: {
      clusterRegistry: ClusterRegistry;
      logger: LoggerService;
    },
    options: Partial<HealthMonitorOptions> = {},
  ) {
    this.options = { ...DEFAULT_HEALTH_MONITOR_OPTIONS, ...options };
    deps.clusterRegistry.onChange(({ added, removed }) => {
      for (const name of removed) this.health.delete(name);
      // Probed now rather than Unknown until the next scheduled round.
      for (const { name } of added) {
        this.probe(name).catch(error =>
          deps.logger.warn('Probe of an added cluster failed', {
            cluster: name,
            error: String(error),
          }),
        );
      }
    });
  }

  /** Current health of one cluster (Unknown before its first probe). */
  getHealth(name: string): ClusterHealthWithReason {
    return this.health.get(name) ?? initialClusterHealth();
  }

  /** Probes every cluster once, at most `maxConcurrentProbes` at a time. */
  async probeAll(): Promise<void> {
    const names = this.deps.clusterRegistry.listClusters().map(c => c.name);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        // A cluster removed during the round is skipped.
        if (this.deps.clusterRegistry.hasCluster(name)) await this.probe(name);
      }
    };
    const workers = Math.min(this.options.maxConcurrentProbes, names.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /** Probes one cluster and records the result. */
  async probe(name: string): Promise<ClusterHealthWithReason> {
    const kubeConfig = this.deps.clusterRegistry.getKubeConfig(name);
    const outcome = await probeApiServer(kubeConfig, this.options.timeoutMs);
    const probe = { time: new Date().toISOString(), ...outcome };
    if (!this.isCurrent(name, kubeConfig)) {
      // Removed or replaced while probing: the result describes a connection that is gone.
      return this.getHealth(name);
    }
    const previous = this.getHealth(name);
    const next = applyProbe(previous, probe, this.options);
    this.health.set(name, next);
    if (next.status !== previous.status) {
      this.deps.logger.info('Cluster health changed', {
        cluster: name,
        from: previous.status,
        to: next.status,
        reason: next.status === 'NotReady' ? next.reason : undefined,
        error: next.status === 'NotReady' ? next.lastError : undefined,
      });
    }
    return next;
  }

  private isCurrent(name: string, kubeConfig: KubeConfig): boolean {
    return (
      this.deps.clusterRegistry.hasCluster(name) &&
      this.deps.clusterRegistry.getKubeConfig(name) === kubeConfig
    );
  }
}

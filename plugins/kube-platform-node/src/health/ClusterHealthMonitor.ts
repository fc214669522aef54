import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  applyProbe,
  type ClusterHealth,
  type ClusterProbe,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholds,
  initialClusterHealth,
} from '@kube-platform/plugin-kube-platform-common';
import { Health, VersionApi } from '@kubernetes/client-node';
import type { ClusterRegistry } from '../clusterRegistry';

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

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // node-fetch wraps the socket error; its message names the cause (ECONNREFUSED, ...).
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

async function withTimeout<T>(
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`probe timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes each registered cluster's `/readyz` and `/version` and folds the results
 * into health with thresholds. Every probe has its own timeout and probes run in
 * parallel up to a limit, so one slow cluster never delays the others.
 */
export class ClusterHealthMonitor {
  private readonly health = new Map<string, ClusterHealth>();
  private readonly options: HealthMonitorOptions;

  constructor(
    private readonly deps: { clusterRegistry: ClusterRegistry; logger: LoggerService },
    options: Partial<HealthMonitorOptions> = {},
  ) {
    this.options = { ...DEFAULT_HEALTH_MONITOR_OPTIONS, ...options };
  }

  /** Current health of one cluster (Unknown before its first probe). */
  getHealth(name: string): ClusterHealth {
    return this.health.get(name) ?? initialClusterHealth();
  }

  /** Probes every cluster once, at most `maxConcurrentProbes` at a time. */
  async probeAll(): Promise<void> {
    const names = this.deps.clusterRegistry.listClusters().map(c => c.name);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        await this.probe(name);
      }
    };
    const workers = Math.min(this.options.maxConcurrentProbes, names.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  /** Probes one cluster and records the result. */
  async probe(name: string): Promise<ClusterHealth> {
    const kubeConfig = this.deps.clusterRegistry.getKubeConfig(name);
    const started = performance.now();
    let probe: ClusterProbe & { version?: string };
    try {
      const result = await withTimeout(this.options.timeoutMs, async signal => {
        // /version first: its client reports why a connection failed.
        const version = await kubeConfig.makeApiClient(VersionApi).getCode();
        const ready = await new Health(kubeConfig).readyz({ signal } as any);
        return { version: version.gitVersion, ready };
      });
      probe = result.ready
        ? {
            time: new Date().toISOString(),
            ok: true,
            latencyMs: Math.round(performance.now() - started),
            version: result.version,
          }
        : {
            time: new Date().toISOString(),
            ok: false,
            error: '/readyz reported not ready',
            version: result.version,
          };
    } catch (error) {
      probe = { time: new Date().toISOString(), ok: false, error: errorMessage(error) };
    }
    const previous = this.getHealth(name);
    const next = applyProbe(previous, probe, this.options);
    this.health.set(name, next);
    if (next.status !== previous.status) {
      this.deps.logger.info('Cluster health changed', {
        cluster: name,
        from: previous.status,
        to: next.status,
        error: next.status === 'NotReady' ? next.lastError : undefined,
      });
    }
    return next;
  }
}

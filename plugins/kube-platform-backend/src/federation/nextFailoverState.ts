import {
  durationSeconds,
  type FederatedApp,
  type FederatedAppFailover,
  type FederatedFailoverCluster,
} from '@kube-platform/plugin-kube-platform-common';

/** A change of one cluster's failover state. */
export interface FailoverEvent {
  cluster: string;
  /**
   * `failover`: NotReady, replicas moved off; `cooldown`: Ready again, held
   * at 0 replicas; `restart`: NotReady during the cooldown, which starts over
   * when it is Ready again; `failback`: Ready for the whole cooldown, replicas
   * moved back; `forget`: no longer placed and reachable again (pruned).
   */
  event: 'failover' | 'cooldown' | 'restart' | 'failback' | 'forget';
  reason: string;
}

/** What the health monitor says of a cluster, as far as failover cares. */
export type ClusterHealthOf = (cluster: string) => {
  status: string;
  reason?: string;
};

function step(
  entry: FederatedFailoverCluster,
  placed: ReadonlySet<string>,
  health: { status: string; reason?: string },
  now: Date,
  cooldownMs: number,
): { next?: FederatedFailoverCluster; event?: FailoverEvent } {
  const { cluster } = entry;
  const ready = health.status === 'Ready';
  if (!placed.has(cluster)) {
    return ready
      ? { event: { cluster, event: 'forget', reason: 'left the placement' } }
      : { next: entry };
  }
  if (entry.state === 'failed-over') {
    if (!ready) return { next: entry };
    const failbackAt = new Date(now.getTime() + cooldownMs).toISOString();
    return {
      next: {
        cluster,
        state: 'cooling-down',
        since: now.toISOString(),
        failbackAt,
      },
      event: {
        cluster,
        event: 'cooldown',
        reason: `Ready again; failback at ${failbackAt}`,
      },
    };
  }
  if (health.status === 'NotReady') {
    return {
      next: { cluster, state: 'failed-over', since: now.toISOString() },
      event: {
        cluster,
        event: 'restart',
        reason: `NotReady during the cooldown${
          health.reason ? `: ${health.reason}` : ''
        }`,
      },
    };
  }
  if (ready && now.getTime() >= Date.parse(entry.failbackAt ?? entry.since)) {
    return {
      event: {
        cluster,
        event: 'failback',
        reason: 'Ready for the whole cooldown',
      },
    };
  }
  return { next: entry };
}

/**
 * The next failover state of an app from the clusters' health, and what
 * changed. Pure: the same state, health and time give the same answer, so a
 * restarted or second backend replica carries on from the stored state.
 * Readiness must last the whole cooldown: a NotReady during it starts over.
 * A cluster is failed over only while another placed cluster stays active.
 */
export function nextFailoverState(
  app: FederatedApp,
  placed: readonly string[],
  failover: FederatedAppFailover,
  healthOf: ClusterHealthOf,
  now: Date,
): { failover: FederatedAppFailover; events: FailoverEvent[] } {
  const cooldownMs = durationSeconds(app.failover.cooldown) * 1000;
  const placedSet = new Set(placed);
  const clusters: FederatedFailoverCluster[] = [];
  const events: FailoverEvent[] = [];
  for (const entry of failover.clusters) {
    const { next, event } = step(
      entry,
      placedSet,
      healthOf(entry.cluster),
      now,
      cooldownMs,
    );
    if (next) clusters.push(next);
    if (event) events.push(event);
  }
  if (app.failover.enabled) {
    const known = new Set(clusters.map(c => c.cluster));
    const failing = placed.filter(
      c => !known.has(c) && healthOf(c).status === 'NotReady',
    );
    const active = placed.filter(c => !known.has(c) && !failing.includes(c));
    // With nowhere to move to, the app stays where it is.
    if (active.length > 0) {
      for (const cluster of failing) {
        const health = healthOf(cluster);
        clusters.push({
          cluster,
          state: 'failed-over',
          since: now.toISOString(),
        });
        events.push({
          cluster,
          event: 'failover',
          reason: `NotReady${health.reason ? `: ${health.reason}` : ''}`,
        });
      }
    }
  }
  return { failover: { clusters }, events };
}

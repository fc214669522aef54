import type { LoggerService } from '@backstage/backend-plugin-api';
import { type StoredFederatedApp } from '@kube-platform/plugin-kube-platform-common';
import { placementOnRegistry } from './resolveTargetClusters';
import type { FederationService } from './FederationService';
import { findFederatedAppDrift } from './findFederatedAppDrift';
import {
  type ClusterHealthOf,
  type FailoverEvent,
  nextFailoverState,
} from './nextFailoverState';

/** Who the scheduled reconcile acts as, in the operation history. */
export const RECONCILER = 'plugin:kube-platform';

/** Events that move replicas between clusters: always applied and recorded. */
const MOVES = new Set<FailoverEvent['event']>([
  'failover',
  'failback',
  'forget',
]);

/** What the reconcile reads and drives. */
export interface ReconcileDeps {
  federation: FederationService;
  healthOf: ClusterHealthOf;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * One pass over every stored app, each under its lock (so user requests and
 * the reconcile take turns): fail over from NotReady clusters, cool down and
 * fail back recovered ones, and repair drift on Ready clusters. Every change
 * is recorded; a pass that changes nothing records nothing. The state lives
 * in the database, so a restarted or another backend replica carries on.
 */
export async function reconcileFederatedApps(
  deps: ReconcileDeps,
): Promise<void> {
  for (const app of await deps.federation.list()) {
    try {
      await deps.federation.locked(app, () => reconcileLocked(deps, app));
    } catch (error) {
      deps.logger.warn('Reconcile of a federated app failed', {
        app: `${app.namespace}/${app.name}`,
        error: (error as Error).message,
      });
    }
  }
}

async function reconcileLocked(
  deps: ReconcileDeps,
  listed: StoredFederatedApp,
): Promise<void> {
  const { apps, clusterRegistry } = deps.federation.deps;
  // Read again under the lock: a request may have changed or deleted it.
  const app = await apps.get(listed.namespace, listed.name);
  if (!app) return;
  const { clusters: placed } = placementOnRegistry(app.spec, clusterRegistry);
  const next = nextFailoverState(
    app.spec,
    placed,
    app.failover,
    deps.healthOf,
    (deps.now ?? (() => new Date()))(),
  );
  if (JSON.stringify(next.failover) !== JSON.stringify(app.failover)) {
    await apps.setFailover(app.namespace, app.name, next.failover);
  }
  next.events.forEach(e =>
    deps.logger.info('Federated app failover state changed', {
      app: `${app.namespace}/${app.name}`,
      ...e,
    }),
  );
  const current = { ...app, failover: next.failover };
  const moves = next.events.filter(e => MOVES.has(e.event));
  if (moves.length > 0) {
    await applyMoves(deps, app, moves);
    return;
  }
  // Drift is repaired when every cluster the app uses answers; until then a deploy would fail anyway.
  const inUse = placed.filter(
    c => !next.failover.clusters.some(f => f.cluster === c),
  );
  if (inUse.some(c => deps.healthOf(c).status === 'NotReady')) return;
  // A cooldown (held at 0) is a repair like any drift: recorded only when something is changed.
  await repairDrift(
    deps,
    current,
    next.events.filter(e => e.event === 'cooldown'),
  );
}

/** Applies the app around (or back onto) the clusters that moved, recorded as `failover` or `failback`. */
async function applyMoves(
  deps: ReconcileDeps,
  app: StoredFederatedApp,
  moves: FailoverEvent[],
) {
  const action = moves.some(m => m.event === 'failover')
    ? 'failover'
    : 'failback';
  await deps.federation.deployLocked(app.spec, RECONCILER, {
    action,
    // Back to the whole placement: replicas follow the weights again.
    rebalance: action === 'failback',
    recordCluster: moves[0].cluster,
    recordSpec: { events: moves },
    reclaim: true,
  });
}

async function repairDrift(
  deps: ReconcileDeps,
  app: StoredFederatedApp,
  events: FailoverEvent[],
) {
  const drift = await findFederatedAppDrift(deps.federation.deps, app);
  if (drift.length === 0) return;
  deps.logger.warn('Federated app drift repaired', {
    app: `${app.namespace}/${app.name}`,
    objects: drift.map(d => `${d.cluster}/${d.kind}/${d.name}`).join(','),
  });
  await deps.federation.deployLocked(app.spec, RECONCILER, {
    action: 'reconcile',
    recordSpec: events.length > 0 ? { drift, events } : { drift },
    ...(events.length > 0 ? { recordCluster: events[0].cluster } : {}),
    reclaim: true,
  });
}

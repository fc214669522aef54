import type { LoggerService } from '@backstage/backend-plugin-api';
import { resolvePlacement } from '@kube-platform/plugin-kube-platform-common';
import type { StoredFederatedApp } from '../database/FederatedAppStore';
import type { FederationService } from './FederationService';
import { findFederatedAppDrift } from './findFederatedAppDrift';
import {
  type ClusterHealthOf,
  type FailoverEvent,
  nextFailoverState,
} from './nextFailoverState';

/** Who the scheduled reconcile acts as, in the operation history. */
export const RECONCILER = 'plugin:kube-platform';

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
  const { clusters: placed } = resolvePlacement(
    app.spec,
    clusterRegistry
      .listClusters()
      .map(c => ({ name: c.name, labels: c.labels ?? {} })),
  );
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
  const moves = next.events.filter(e => e.event !== 'restart');
  const current = { ...app, failover: next.failover };
  if (moves.length > 0) {
    const action = actionOf(moves);
    await deps.federation.deployLocked(app.spec, RECONCILER, {
      action,
      // Back to the whole placement: replicas follow the weights again.
      rebalance: action === 'failback',
      recordCluster: moves[0].cluster,
      recordSpec: { events: moves },
      reclaim: true,
    });
    return;
  }
  await repairDrift(deps, current);
}

async function repairDrift(deps: ReconcileDeps, app: StoredFederatedApp) {
  const drift = await findFederatedAppDrift(deps.federation.deps, app);
  if (drift.length === 0) return;
  deps.logger.warn('Federated app drift repaired', {
    app: `${app.namespace}/${app.name}`,
    objects: drift.map(d => `${d.cluster}/${d.kind}/${d.name}`).join(','),
  });
  await deps.federation.deployLocked(app.spec, RECONCILER, {
    action: 'reconcile',
    recordSpec: { drift },
    reclaim: true,
  });
}

/** `failover` when replicas moved off a cluster, `failback` when they moved back, else `reconcile` (held at 0 for the cooldown). */
function actionOf(moves: FailoverEvent[]): string {
  if (moves.some(m => m.event === 'failover')) return 'failover';
  if (moves.some(m => m.event === 'failback' || m.event === 'forget'))
    return 'failback';
  return 'reconcile';
}

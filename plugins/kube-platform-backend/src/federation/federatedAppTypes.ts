import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import type {
  EngineOwner,
  EngineProgressListener,
} from '@kube-platform/plugin-kube-platform-node';

/** The engine owner of a federated app. */
export function federatedAppOwner(
  app: Pick<FederatedApp, 'namespace' | 'name'>,
): EngineOwner {
  return { kind: 'federated-app', id: `${app.namespace}/${app.name}` };
}

/** The lock of an app; prefixed so it never meets a tenant's `<cluster>/<namespace>` key. */
export function federatedAppLockKey(
  app: Pick<FederatedApp, 'namespace' | 'name'>,
): string {
  return `federated-app:${app.namespace}/${app.name}`;
}

/** Options of {@link FederationService.deploy}. */
export interface DeployOptions {
  /** Pre-flight only (placement, tenants, quota, server-side dry-run): nothing is applied. */
  dryRun?: boolean;
  /** Deploy to the clusters that pass the quota pre-flight and skip the others. */
  allowPartial?: boolean;
  onProgress?: EngineProgressListener;
}

/** How a deploy is recorded and applied, for the service's own flows (scale, migrate, failover, reconcile). */
export interface DeployRun extends DeployOptions {
  /** The operation's action; `create`/`update`/`dry-run` when absent. */
  action?: string;
  /** The operation's spec; the app when absent. */
  recordSpec?: unknown;
  /** The operation's cluster, when it is about one. */
  recordCluster?: string;
  /** Take back fields other managers took (the scheduled reconcile only). */
  reclaim?: boolean;
  /** Plan as if nothing ran yet, so replicas follow the weights (a failback). */
  rebalance?: boolean;
}

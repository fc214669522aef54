import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import {
  type KubePlatformRequestDeps,
  kubePlatformRequest,
} from './kubePlatformRequest';

/** The backend's what-if for an app: `POST /federated-apps/:namespace/:name/plan`. */
export interface FederatedAppPlanPreview {
  targets: string[];
  plan: Record<string, number>;
  overflow: Record<string, number>;
  current: Record<string, number>;
  refusals: Array<{ cluster: string; reason: string }>;
  totalReplicas: number;
}

/** Asks the backend, as the initiator, where the app would run and with how many replicas. */
export async function fetchFederatedAppPlan(
  deps: KubePlatformRequestDeps,
  credentials: BackstageCredentials,
  app: FederatedApp,
): Promise<FederatedAppPlanPreview> {
  const path = `/federated-apps/${encodeURIComponent(
    app.namespace,
  )}/${encodeURIComponent(app.name)}/plan`;
  const response = await kubePlatformRequest(deps, credentials, path, {
    method: 'POST',
    body: app,
  });
  return (await response.json()) as FederatedAppPlanPreview;
}

/** `cluster-1: 2, cluster-2: 1`, clusters sorted; `none` for an empty plan. */
export function describePlan(plan: Record<string, number>): string {
  const clusters = Object.keys(plan).sort();
  return clusters.length
    ? clusters.map(c => `${c}: ${plan[c]}`).join(', ')
    : 'none';
}

/**
 * Logs the plan before anything is applied: one line with the replicas per
 * cluster, then a warning for replicas left unplaced, for clusters that would
 * take more beyond their capacity, and for each cluster the pre-flight refuses.
 */
export function logFederatedAppPlan(
  logger: LoggerService,
  preview: FederatedAppPlanPreview,
): void {
  const planned = Object.values(preview.plan).reduce((a, b) => a + b, 0);
  logger.info(
    `Plan: ${planned} of ${preview.totalReplicas} replicas on ${
      Object.keys(preview.plan).length
    } clusters (${describePlan(preview.plan)})`,
    { plan: preview.plan, targets: preview.targets },
  );
  if (planned < preview.totalReplicas) {
    logger.warn(
      `${preview.totalReplicas - planned} replicas fit on no target cluster`,
    );
  }
  for (const cluster of Object.keys(preview.overflow).sort()) {
    if (preview.overflow[cluster] <= 0) continue;
    logger.warn(
      `${cluster} would take ${preview.overflow[cluster]} more replicas beyond its capacity`,
      { cluster, overflow: preview.overflow[cluster] },
    );
  }
  for (const { cluster, reason } of preview.refusals) {
    logger.warn(`${cluster} refused by the pre-flight: ${reason}`, { cluster });
  }
}

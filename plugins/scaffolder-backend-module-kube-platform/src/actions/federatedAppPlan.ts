import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  FederatedApp,
  FederatedAppPlanResponse,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type KubePlatformRequestDeps,
  kubePlatformRequest,
} from './kubePlatformRequest';

/** Asks the backend, as the initiator, where the app would run and with how many replicas. */
export async function fetchFederatedAppPlan(
  deps: KubePlatformRequestDeps,
  credentials: BackstageCredentials,
  app: FederatedApp,
): Promise<FederatedAppPlanResponse> {
  const path = `/federated-apps/${encodeURIComponent(
    app.namespace,
  )}/${encodeURIComponent(app.name)}/plan`;
  const response = await kubePlatformRequest(deps, credentials, path, {
    method: 'POST',
    body: app,
  });
  return (await response.json()) as FederatedAppPlanResponse;
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
 * cluster, then a warning for replicas of the requested total left unplaced,
 * for clusters that would take more beyond their capacity, and for each
 * target a deploy would not use (not Ready, failed over, no quota headroom).
 */
export function logFederatedAppPlan(
  logger: LoggerService,
  preview: FederatedAppPlanResponse,
  requested: number | undefined,
): void {
  const clusters = Object.keys(preview.plan).length;
  logger.info(
    `Plan: ${
      preview.totalReplicas
    } replicas on ${clusters} clusters (${describePlan(preview.plan)})`,
    { plan: preview.plan, targets: preview.targets },
  );
  if (requested !== undefined && preview.totalReplicas < requested) {
    logger.warn(
      `${
        requested - preview.totalReplicas
      } of the ${requested} replicas asked for fit on no target cluster`,
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
    logger.warn(`${cluster} refused: ${reason}`, { cluster });
  }
}

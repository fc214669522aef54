import {
  FEDERATED_APP_LABELS,
  type FederatedDeploymentCondition,
  MANAGED_BY_KUBE_PLATFORM,
} from '@kube-platform/plugin-kube-platform-common';
import { defineWatchedKind } from '@kube-platform/plugin-kube-platform-node';
import type { V1Deployment } from '@kubernetes/client-node';

/** A condition of a Deployment, as status shows it. */
export type DeploymentCondition = FederatedDeploymentCondition;

/** What the watch cache keeps of a Deployment that Kube Platform manages. */
export interface CachedFederatedDeployment {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  generation?: number;
  /** `spec.replicas` (Kubernetes' default of 1 when unset). */
  replicas: number;
  containers: Array<{ name: string; image?: string }>;
  status: {
    replicas: number;
    updatedReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    observedGeneration?: number;
    conditions: DeploymentCondition[];
  };
}

/** Trims a Deployment to what federated app status and drift read; drops the pod template's other fields. */
export function trimFederatedDeployment(
  deployment: V1Deployment,
): CachedFederatedDeployment {
  const status = deployment.status ?? {};
  return {
    namespace: deployment.metadata?.namespace ?? '',
    name: deployment.metadata?.name ?? '',
    labels: { ...(deployment.metadata?.labels ?? {}) },
    generation: deployment.metadata?.generation,
    replicas: deployment.spec?.replicas ?? 1,
    containers: (deployment.spec?.template?.spec?.containers ?? []).map(c => ({
      name: c.name,
      image: c.image,
    })),
    status: {
      replicas: status.replicas ?? 0,
      updatedReplicas: status.updatedReplicas ?? 0,
      readyReplicas: status.readyReplicas ?? 0,
      availableReplicas: status.availableReplicas ?? 0,
      observedGeneration: status.observedGeneration,
      conditions: (status.conditions ?? []).map(c => ({
        type: c.type,
        status: c.status,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.message ? { message: c.message } : {}),
      })),
    },
  };
}

/**
 * Deployments that Kube Platform rendered (`app.kubernetes.io/managed-by=kube-platform`),
 * in every namespace: federated app status and drift read them from the cache.
 */
export const federatedDeploymentKind = defineWatchedKind({
  id: 'managed-deployments',
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  plural: 'deployments',
  namespaced: true,
  labelSelector: `${FEDERATED_APP_LABELS.managedBy}=${MANAGED_BY_KUBE_PLATFORM}`,
  trim: trimFederatedDeployment,
});

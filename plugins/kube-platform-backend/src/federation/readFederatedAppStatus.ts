import type { KubeConfig } from '@kubernetes/client-node';
import type {
  ManifestApplier,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';

/** Live rollout state of the app's Deployment on one cluster. */
export interface FederatedClusterStatus {
  cluster: string;
  /** `missing` when the Deployment is not there, `unreachable` when the cluster did not answer. */
  state: 'present' | 'missing' | 'unreachable';
  desiredReplicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  generation?: number;
  observedGeneration?: number;
  /** The controller has seen the latest spec and every replica is updated and available. */
  rolledOut?: boolean;
  conditions?: Array<{ type: string; status: string; reason?: string }>;
  error?: string;
}

type LiveDeployment = {
  metadata?: { generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: Array<{ type: string; status: string; reason?: string }>;
  };
};

/**
 * Reads the app's Deployment on one cluster (a bounded call through the
 * engine's applier); a NotReady cluster is reported at once, not after a timeout.
 */
export async function readFederatedClusterStatus(
  engine: Pick<ProvisioningEngine, 'assertReady' | 'applierFor'>,
  cluster: string,
  deployment: { namespace: string; name: string },
  identity: () => Promise<KubeConfig>,
): Promise<FederatedClusterStatus> {
  let as: KubeConfig;
  try {
    engine.assertReady(cluster);
    as = await identity();
  } catch (error) {
    return { cluster, state: 'unreachable', error: (error as Error).message };
  }
  return readDeploymentStatus(
    engine.applierFor(cluster, as),
    cluster,
    deployment,
  );
}

async function readDeploymentStatus(
  applier: Pick<ManifestApplier, 'read'>,
  cluster: string,
  deployment: { namespace: string; name: string },
): Promise<FederatedClusterStatus> {
  let live: LiveDeployment | undefined;
  try {
    live = (await applier.read({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: deployment,
    })) as LiveDeployment | undefined;
  } catch (error) {
    return {
      cluster,
      state: 'unreachable',
      error: (error as Error).message,
    };
  }
  if (!live) return { cluster, state: 'missing' };
  const status = live.status ?? {};
  const desired = live.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  return {
    cluster,
    state: 'present',
    desiredReplicas: desired,
    updatedReplicas: updated,
    readyReplicas: status.readyReplicas ?? 0,
    availableReplicas: available,
    generation: live.metadata?.generation,
    observedGeneration: status.observedGeneration,
    rolledOut:
      status.observedGeneration === live.metadata?.generation &&
      updated === desired &&
      available === desired,
    conditions: (status.conditions ?? []).map(c => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
    })),
  };
}

import {
  type FederatedApp,
  federatedDeploymentName,
} from '@kube-platform/plugin-kube-platform-common';
import type { ProvisioningEngine } from '@kube-platform/plugin-kube-platform-node';
import type { KubeConfig } from '@kubernetes/client-node';

/** A live Deployment as far as replicas go. */
export type LiveDeploymentReplicas = {
  spec?: { replicas?: number };
  status?: { readyReplicas?: number; updatedReplicas?: number };
};

/** Reads the app's Deployment on one cluster (bounded by the engine's applier); `undefined` when absent. */
export async function readLiveDeployment(
  engine: Pick<ProvisioningEngine, 'applierFor'>,
  app: FederatedApp,
  cluster: string,
  as: KubeConfig,
): Promise<LiveDeploymentReplicas | undefined> {
  return (await engine.applierFor(cluster, as).read({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: federatedDeploymentName(app), namespace: app.namespace },
  })) as LiveDeploymentReplicas | undefined;
}

/** Replicas the app's Deployment has on each cluster now (none where it is absent). */
export async function readCurrentReplicas(
  engine: Pick<ProvisioningEngine, 'applierFor'>,
  app: FederatedApp,
  clusters: readonly string[],
  identity: (cluster: string) => Promise<KubeConfig>,
): Promise<Record<string, number>> {
  const current: Record<string, number> = {};
  await Promise.all(
    clusters.map(async cluster => {
      const live = await readLiveDeployment(
        engine,
        app,
        cluster,
        await identity(cluster),
      );
      if (live) current[cluster] = live.spec?.replicas ?? 1;
    }),
  );
  return current;
}

import {
  planFederatedApp,
  resolvePlacement,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterRegistry,
  ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type { StoredFederatedApp } from '../database/FederatedAppStore';
import type { OperationStore } from '../database/OperationStore';
import type { TenantStore } from '../database/TenantStore';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import {
  federatedAppOwner,
  type FederatedAppDetails,
} from './federatedAppTypes';
import { readFederatedClusterStatus } from './readFederatedAppStatus';
import { tenantAdminIdentity } from './tenantAdminIdentity';

/** The stored app with its plan, live status on each target cluster (read as its tenant's admin) and its operations. */
export async function readFederatedAppDetails(
  deps: {
    clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
    engine: Pick<ProvisioningEngine, 'assertReady' | 'applierFor'>;
    operations: Pick<OperationStore, 'listForTarget'>;
    tenants: Pick<TenantStore, 'list'>;
    credentials: Pick<TenantCredentials, 'kubeConfigFor'>;
  },
  app: StoredFederatedApp,
): Promise<FederatedAppDetails> {
  // Clusters that were unregistered since are left out, not refused: this is a read.
  const { clusters } = resolvePlacement(
    app.spec,
    deps.clusterRegistry
      .listClusters()
      .map(c => ({ name: c.name, labels: c.labels ?? {} })),
  );
  const deployment = {
    namespace: app.namespace,
    name: app.spec.template.deployment.metadata?.name ?? app.name,
  };
  const status = await Promise.all(
    clusters.map(cluster =>
      readFederatedClusterStatus(deps.engine, cluster, deployment, () =>
        tenantAdminIdentity(deps, cluster, app.namespace),
      ),
    ),
  );
  const current = Object.fromEntries(
    status
      .filter(s => s.state === 'present')
      .map(s => [s.cluster, s.desiredReplicas!]),
  );
  return {
    ...app,
    clusters,
    plan: planFederatedApp(app.spec, clusters, { current }),
    status,
    operations: await deps.operations.listForTarget({
      kind: 'federated-app',
      target: federatedAppOwner(app).id,
    }),
  };
}

import { ConflictError, InputError } from '@backstage/errors';
import {
  type FederatedApp,
  type FederatedAppDeployResult,
  type FederatedAppFailover,
  type FederatedAppMigrateRequest,
  type KubernetesManifest,
  federatedDeploymentName,
} from '@kube-platform/plugin-kube-platform-common';
import { placementOnRegistry } from './resolveTargetClusters';
import type { EngineProgressListener } from '@kube-platform/plugin-kube-platform-node';
import { runRecorded, TenantProvisioningError } from '../engine/recordedRun';
import { assertTenantNamespaces } from './assertTenantNamespaces';
import { withMigration } from './changeFederatedAppSpec';
import { federatedAppOwner } from './federatedAppTypes';
import type { FederationService } from './FederationService';
import { prepareFederatedDeploy } from './prepareFederatedDeploy';
import { readLiveDeployment } from './readCurrentReplicas';
import { tenantAdminIdentity } from './tenantAdminIdentity';

/** How long a migration waits for `to` to be ready, and how often it looks. */
export interface MigrationTiming {
  timeoutMs: number;
  pollMs: number;
}

const DEFAULT_TIMING: MigrationTiming = { timeoutMs: 180_000, pollMs: 1_000 };

/**
 * Moves an app's replicas from one placed cluster to another with surge,
 * under the app's lock: the app is applied on `to` first (recorded as
 * `migrate`), then, once `to`'s Deployment is ready (bounded wait, progress
 * reported), the changed spec is deployed by the weights, which scales the
 * others to the new plan and prunes `from` (recorded as `migrate`) — or,
 * when the app failed over from `from`, keeps it until it answers again and
 * the reconcile prunes it. If `to` never gets ready, the stored spec is
 * unchanged and the next deploy prunes `to`.
 */
export async function migrateFederatedApp(
  federation: FederationService,
  namespace: string,
  name: string,
  request: FederatedAppMigrateRequest & { actor: string },
  options: {
    onProgress?: EngineProgressListener;
    timing?: MigrationTiming;
  } = {},
): Promise<FederatedAppDeployResult> {
  return federation.locked({ namespace, name }, async () => {
    const stored = await federation.require(namespace, name);
    const next = withMigration(stored.spec, request.from, request.to);
    await assertMigrationTarget(federation, next, request.to);
    assertMovesOff(federation, next, request.from);
    // `from` is pruned at the end: it must answer, unless the app failed over from it (then it is kept, as on every deploy).
    if (!stored.failover.clusters.some(c => c.cluster === request.from)) {
      federation.deps.engine.assertReady(request.from);
    }
    const spec = { from: request.from, to: request.to };
    await surgeOnTarget(federation, next, stored.failover, {
      ...request,
      onProgress: options.onProgress,
      timing: options.timing,
    });
    return federation.deployLocked(next, request.actor, {
      action: 'migrate',
      recordSpec: { ...spec, step: 'move', app: next },
      rebalance: true,
      onProgress: options.onProgress,
    });
  });
}

/**
 * Applies the migrated app on `to` only (recorded as `migrate`, step
 * `surge`) and waits until its Deployment is ready; a timeout marks the
 * operation failed (502 with it). Planned by the weights: the clusters that
 * stayed may have absorbed the source's replicas in a failover.
 */
async function surgeOnTarget(
  federation: FederationService,
  next: FederatedApp,
  failover: FederatedAppFailover,
  request: { from: string; to: string; actor: string } & {
    onProgress?: EngineProgressListener;
    timing?: MigrationTiming;
  },
) {
  const { to } = request;
  const prepared = await prepareFederatedDeploy(
    federation.deps,
    next,
    failover,
    'throw',
    { rebalance: true },
  );
  const surge = prepared.rendered.find(r => r.cluster === to);
  const refusal = prepared.refusals.find(r => r.cluster === to);
  if (refusal || !surge) {
    throw new ConflictError(
      `Migration refused, nothing applied: ${to}: ${
        refusal?.reason ?? 'no objects'
      }`,
    );
  }
  const owner = federatedAppOwner(next);
  const { operation } = await runRecorded(
    federation.deps,
    {
      kind: 'federated-app',
      action: 'migrate',
      target: owner.id,
      actor: request.actor,
      cluster: to,
      spec: { from: request.from, to, step: 'surge', replicas: surge.replicas },
    },
    {
      owner,
      clusters: [
        {
          cluster: to,
          objects: surge.objects as KubernetesManifest[],
          kubeConfig: await tenantAdminIdentity(
            federation.deps,
            to,
            next.namespace,
          ),
        },
      ],
      onProgress: request.onProgress,
    },
  );
  try {
    await waitUntilReady(federation, next, to, surge.replicas, request);
  } catch (error) {
    const failed = await federation.deps.operations.update(operation.id, {
      status: 'failed',
      error: (error as Error).message,
    });
    throw new TenantProvisioningError((error as Error).message, failed);
  }
}

/** `to` must be registered, Ready and a tenant of the owner: 400 naming `to` otherwise. */
async function assertMigrationTarget(
  federation: FederationService,
  app: FederatedApp,
  to: string,
) {
  const { clusterRegistry, engine, tenants } = federation.deps;
  if (!clusterRegistry.hasCluster(to)) {
    throw new InputError(
      `Invalid migration: to: '${to}' is not a registered cluster`,
    );
  }
  try {
    engine.assertReady(to);
    await assertTenantNamespaces(tenants, app, [to]);
  } catch (error) {
    throw new InputError(`Invalid migration: to: ${(error as Error).message}`);
  }
}

/** With replicaScheduling over every cluster (`"*"` without intersection), changing the placement would not move anything. */
function assertMovesOff(
  federation: FederationService,
  app: FederatedApp,
  from: string,
) {
  const { clusters } = placementOnRegistry(
    app,
    federation.deps.clusterRegistry,
  );
  if (clusters.includes(from)) {
    throw new InputError(
      `Invalid migration: from: '${from}' stays selected by replicaScheduling.clusters (its preferences override the placement unless intersectWithClusterSelector is set)`,
    );
  }
}

async function waitUntilReady(
  federation: FederationService,
  app: FederatedApp,
  cluster: string,
  replicas: number,
  options: { onProgress?: EngineProgressListener; timing?: MigrationTiming },
) {
  const timing = options.timing ?? DEFAULT_TIMING;
  const deadline = Date.now() + timing.timeoutMs;
  const as = await tenantAdminIdentity(federation.deps, cluster, app.namespace);
  let last = -1;
  for (;;) {
    const live = await readLiveDeployment(
      federation.deps.engine,
      app,
      cluster,
      as,
    );
    const ready = live?.status?.readyReplicas ?? 0;
    const updated = live?.status?.updatedReplicas ?? 0;
    if (ready >= replicas && updated >= replicas) return;
    if (ready !== last) {
      last = ready;
      options.onProgress?.({
        cluster,
        kind: 'Deployment',
        name: federatedDeploymentName(app),
        namespace: app.namespace,
        outcome: 'unchanged',
        message: `migrate: waiting for ${replicas} ready replicas, ${ready} ready`,
      });
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Migration stopped: '${cluster}' had ${ready} of ${replicas} replicas ready after ${Math.round(
          timing.timeoutMs / 1000,
        )}s; '${app.name}' still runs where it did`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, timing.pollMs));
  }
}

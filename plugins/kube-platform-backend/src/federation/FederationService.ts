import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  type FederatedApp,
  type KubernetesManifest,
  type RenderedCluster,
  type ReplicaPlan,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  type ClusterRegistry,
  type EngineObjectResult,
  type InventoryStore,
  isClusterTimeout,
  type ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type {
  FederatedAppStore,
  StoredFederatedApp,
} from '../database/FederatedAppStore';
import type { Operation, OperationStore } from '../database/OperationStore';
import type { TenantStore } from '../database/TenantStore';
import {
  type OperationRecord,
  runRecorded,
  TenantProvisioningError,
} from '../engine/recordedRun';
import type { KeyedLock } from '../tenants/TenantProvisioner';
import { assertTenantNamespaces } from './assertTenantNamespaces';
import { checkQuotaHeadroom, type QuotaRefusal } from './checkQuotaHeadroom';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import { planAndRenderFederatedApp } from './planAndRenderFederatedApp';
import { resolveTargetClusters } from './resolveTargetClusters';
import {
  type DeployOptions,
  type FederatedAppDeployResult,
  type FederatedAppDetails,
  federatedAppLockKey,
  federatedAppOwner,
} from './federatedAppTypes';
import { readFederatedAppDetails } from './readFederatedAppDetails';
import { tenantAdminIdentity } from './tenantAdminIdentity';

export {
  type DeployOptions,
  type FederatedAppDeployResult,
  type FederatedAppDetails,
  federatedAppOwner,
} from './federatedAppTypes';

/**
 * Federated apps as a thin client of the provisioning engine: resolves the
 * placement, checks the owner's tenants and quota headroom on every target
 * cluster, plans replicas, renders per cluster and hands the objects to the
 * engine; clusters that left the placement are emptied by inventory. One app
 * is worked on by one request at a time (`locks`).
 */
export class FederationService {
  constructor(
    private readonly deps: {
      logger: LoggerService;
      clusterRegistry: ClusterRegistry;
      clusterCache: ClusterCacheService;
      tenants: TenantStore;
      apps: FederatedAppStore;
      operations: OperationStore;
      inventory: InventoryStore;
      engine: ProvisioningEngine;
      locks: KeyedLock;
      /** Workloads are applied and read as the owning tenant's admin identity. */
      credentials: Pick<TenantCredentials, 'kubeConfigFor'>;
    },
  ) {}

  private tenantAdmin(cluster: string, namespace: string) {
    return tenantAdminIdentity(this.deps, cluster, namespace);
  }

  /** Deploys (or re-applies) an app everywhere it is placed. Idempotent. */
  async deploy(
    app: FederatedApp,
    actor: string,
    options: DeployOptions = {},
  ): Promise<FederatedAppDeployResult> {
    return this.deps.locks.run(federatedAppLockKey(app), () =>
      this.deployLocked(app, actor, options),
    );
  }

  private async deployLocked(
    app: FederatedApp,
    actor: string,
    options: DeployOptions,
  ): Promise<FederatedAppDeployResult> {
    const stored = await this.deps.apps.get(app.namespace, app.name);
    const record: OperationRecord = {
      kind: 'federated-app',
      action: actionOf(stored, options),
      target: federatedAppOwner(app).id,
      actor,
      spec: app,
    };
    const { plan, rendered, skipped } = await this.guard(record, () =>
      this.prepare(app, stored, options),
    );
    const { operation, clusters } = await this.runEngine(
      app,
      record,
      rendered,
      stored,
      options,
    );
    const objects = clusters.flatMap(c => c.results);
    if (options.dryRun) {
      return this.result(app, operation, 'dry-run', plan, skipped, objects);
    }
    const kept = new Set([
      ...rendered.map(r => r.cluster),
      ...skipped.map(s => s.cluster),
    ]);
    const removed = await this.removeFromClustersNotIn(app, kept);
    const changed = clusters.some(c => c.changed) || removed.length > 0;
    const final =
      removed.length > 0
        ? await this.deps.operations.update(operation.id, {
            status: 'succeeded',
            results: [...objects, ...removed],
          })
        : operation;
    await this.deps.apps.put(app, actor);
    let result: FederatedAppDeployResult['result'] = 'unchanged';
    if (!stored) result = 'created';
    else if (changed) result = 'updated';
    return this.result(app, final, result, plan, skipped, [
      ...objects,
      ...removed,
    ]);
  }

  private async runEngine(
    app: FederatedApp,
    record: OperationRecord,
    rendered: RenderedCluster[],
    stored: StoredFederatedApp | undefined,
    options: DeployOptions,
  ) {
    try {
      return await runRecorded(this.deps, record, {
        owner: federatedAppOwner(app),
        clusters: await Promise.all(
          rendered.map(async r => ({
            cluster: r.cluster,
            objects: r.objects as KubernetesManifest[],
            kubeConfig: await this.tenantAdmin(r.cluster, app.namespace),
          })),
        ),
        dryRun: options.dryRun,
        onProgress: options.onProgress,
      });
    } catch (error) {
      // Part of a new app exists on the clusters: keep it on record, so a retry or a delete finds it.
      if (error instanceof TenantProvisioningError && !stored) {
        await this.deps.apps.put(app, record.actor);
      }
      throw error;
    }
  }

  private result(
    app: FederatedApp,
    operation: Operation,
    result: FederatedAppDeployResult['result'],
    plan: ReplicaPlan,
    skipped: QuotaRefusal[],
    objects: EngineObjectResult[],
  ): FederatedAppDeployResult {
    const { namespace, name } = app;
    return {
      operationId: operation.id,
      namespace,
      name,
      result,
      plan,
      skipped,
      objects,
    };
  }

  /** Everything decided before the engine runs; throws when the request cannot go ahead. */
  private async prepare(
    app: FederatedApp,
    stored: StoredFederatedApp | undefined,
    options: DeployOptions,
  ) {
    if (stored && stored.owner !== app.owner) {
      throw new ConflictError(
        `Federated app '${app.name}' in '${app.namespace}' belongs to ${stored.owner}, not ${app.owner}`,
      );
    }
    const targets = resolveTargetClusters(app, this.deps.clusterRegistry);
    targets.forEach(c => this.deps.engine.assertReady(c));
    const tenants = await assertTenantNamespaces(
      this.deps.tenants,
      app,
      targets,
    );
    const current = await this.currentReplicas(app, targets);
    const { plan, rendered } = planAndRenderFederatedApp(app, targets, current);
    const refusals = checkQuotaHeadroom(
      this.deps.clusterCache,
      app.namespace,
      rendered,
      tenants,
      current,
    );
    const refused = new Set(refusals.map(r => r.cluster));
    if (
      refusals.length > 0 &&
      !(options.allowPartial && refused.size < targets.length)
    ) {
      throw new ConflictError(
        `Quota pre-flight failed, nothing applied on any cluster: ${refusals
          .map(r => `${r.cluster}: ${r.reason}`)
          .join('; ')}`,
      );
    }
    return {
      plan,
      rendered: rendered.filter(r => !refused.has(r.cluster)),
      skipped: refusals,
    };
  }

  /** Replicas the app's Deployment has on each cluster now (none where it is absent). */
  private async currentReplicas(
    app: FederatedApp,
    clusters: readonly string[],
  ): Promise<Record<string, number>> {
    const name = app.template.deployment.metadata?.name ?? app.name;
    const current: Record<string, number> = {};
    await Promise.all(
      clusters.map(async cluster => {
        const applier = this.deps.engine.applierFor(
          cluster,
          await this.tenantAdmin(cluster, app.namespace),
        );
        const live = (await applier.read({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: app.namespace },
        })) as { spec?: { replicas?: number } } | undefined;
        if (live) current[cluster] = live.spec?.replicas ?? 1;
      }),
    );
    return current;
  }

  /** Deletes the app's objects (by inventory) from registered clusters outside `keep`. */
  private async removeFromClustersNotIn(
    app: FederatedApp,
    keep: ReadonlySet<string>,
  ): Promise<EngineObjectResult[]> {
    const owner = federatedAppOwner(app);
    const clusters: string[] = [];
    for (const { name: cluster } of this.deps.clusterRegistry.listClusters()) {
      if (keep.has(cluster)) continue;
      const inventory = await this.deps.inventory.get(owner, cluster);
      if (inventory && inventory.length > 0) clusters.push(cluster);
    }
    // Every cluster must answer before any is emptied: no half-removed app.
    clusters.forEach(c => this.deps.engine.assertReady(c));
    const results: EngineObjectResult[] = [];
    for (const cluster of clusters) {
      results.push(
        ...(await this.deps.engine.remove(
          owner,
          cluster,
          [],
          await this.tenantAdmin(cluster, app.namespace),
        )),
      );
      this.deps.logger.info('Removed federated app from cluster', {
        cluster,
        app: owner.id,
      });
    }
    return results;
  }

  /** Removes the app from every cluster (by inventory) and forgets it. */
  async delete(
    app: StoredFederatedApp,
    actor: string,
  ): Promise<{ operationId: string; objects: EngineObjectResult[] }> {
    return this.deps.locks.run(federatedAppLockKey(app), async () => {
      const operation = await this.deps.operations.start({
        kind: 'federated-app',
        action: 'delete',
        target: federatedAppOwner(app).id,
        actor,
        spec: { namespace: app.namespace, name: app.name },
      });
      let objects: EngineObjectResult[];
      try {
        objects = await this.removeFromClustersNotIn(app.spec, new Set());
      } catch (error) {
        await this.deps.operations.update(operation.id, {
          status: isClusterTimeout(error) ? 'failed' : 'rejected',
          error: (error as Error).message,
        });
        throw error;
      }
      await this.deps.apps.delete(app.namespace, app.name);
      await this.deps.operations.update(operation.id, {
        status: objects.length > 0 ? 'succeeded' : 'no-op',
        results: objects,
      });
      return { operationId: operation.id, objects };
    });
  }

  /** The stored app with its plan, live status on each target cluster and its operations. */
  details(app: StoredFederatedApp): Promise<FederatedAppDetails> {
    return readFederatedAppDetails(this.deps, app);
  }

  /** Fails with 404 when no such app was deployed. */
  async require(namespace: string, name: string): Promise<StoredFederatedApp> {
    const app = await this.deps.apps.get(namespace, name);
    if (!app) {
      throw new NotFoundError(
        `No federated app '${name}' in namespace '${namespace}'`,
      );
    }
    return app;
  }

  /** Stored apps, optionally of some owners. */
  list(filter: { owners?: string[] } = {}): Promise<StoredFederatedApp[]> {
    return this.deps.apps.list(filter);
  }

  /** Records a request that a check refused before anything was applied. */
  private async guard<T>(
    record: OperationRecord,
    check: () => Promise<T>,
  ): Promise<T> {
    try {
      return await check();
    } catch (error) {
      const operation = await this.deps.operations.start(record);
      await this.deps.operations.update(operation.id, {
        status: isClusterTimeout(error) ? 'failed' : 'rejected',
        error: (error as Error).message,
      });
      throw error;
    }
  }
}

function actionOf(
  stored: StoredFederatedApp | undefined,
  options: DeployOptions,
): string {
  if (options.dryRun) return 'dry-run';
  return stored ? 'update' : 'create';
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  FederatedApp,
  FederatedAppDeployResult,
  FederatedAppDetails,
  FederatedAppPlanResponse,
  KubernetesManifest,
  RenderedCluster,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  type ClusterRegistry,
  type EngineObjectResult,
  type InventoryStore,
  isClusterTimeout,
  type ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type { FederatedAppStore } from '../database/FederatedAppStore';
import type { OperationStore } from '../database/OperationStore';
import type { TenantStore } from '../database/TenantStore';
import {
  type OperationRecord,
  runRecorded,
  TenantProvisioningError,
} from '../engine/recordedRun';
import type { KeyedLock } from '../tenants/TenantProvisioner';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import {
  type DeployOptions,
  type DeployRun,
  federatedAppLockKey,
  federatedAppOwner,
} from './federatedAppTypes';
import {
  assertSameOwner,
  prepareFederatedDeploy,
  type PreparedFederatedDeploy,
} from './prepareFederatedDeploy';
import { planFederatedAppWhatIf } from './planFederatedAppWhatIf';
import { readFederatedAppDetails } from './readFederatedAppDetails';
import { removeFederatedAppFrom } from './removeFederatedAppFrom';
import { tenantAdminIdentity } from './tenantAdminIdentity';

export { type DeployOptions, federatedAppOwner } from './federatedAppTypes';

/** What the federation service works with. */
export interface FederationServiceDeps {
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
}

/**
 * Federated apps as a thin client of the provisioning engine: resolves the
 * placement, checks the owner's tenants and quota headroom on every target
 * cluster, plans replicas (around clusters the app failed over from), renders
 * per cluster and hands the objects to the engine; clusters that left the
 * placement are emptied by inventory. One app is worked on by one request at
 * a time (`locks`), across backend replicas.
 */
export class FederationService {
  constructor(readonly deps: FederationServiceDeps) {}

  /** Deploys (or re-applies) an app everywhere it is placed. Idempotent. */
  async deploy(
    app: FederatedApp,
    actor: string,
    options: DeployOptions = {},
  ): Promise<FederatedAppDeployResult> {
    return this.locked(app, () => this.deployLocked(app, actor, options));
  }

  /**
   * Changes a stored app and deploys it, reading the stored app under the
   * app's lock so concurrent changes never lose one another (404 when absent).
   */
  async change(
    namespace: string,
    name: string,
    actor: string,
    change: (stored: StoredFederatedApp) => FederatedApp,
    options: DeployRun = {},
  ): Promise<FederatedAppDeployResult> {
    return this.locked({ namespace, name }, async () => {
      const stored = await this.require(namespace, name);
      return this.deployLocked(change(stored), actor, options);
    });
  }

  /** Runs `fn` holding the app's lock. */
  locked<T>(
    app: Pick<FederatedApp, 'namespace' | 'name'>,
    fn: () => Promise<T>,
  ): Promise<T> {
    return this.deps.locks.run(federatedAppLockKey(app), fn);
  }

  /** A deploy for a caller already holding the app's lock. */
  async deployLocked(
    app: FederatedApp,
    actor: string,
    options: DeployRun,
  ): Promise<FederatedAppDeployResult> {
    const stored = await this.deps.apps.get(app.namespace, app.name);
    const record: OperationRecord = {
      kind: 'federated-app',
      action: options.action ?? actionOf(stored, options),
      target: federatedAppOwner(app).id,
      actor,
      spec: options.recordSpec ?? app,
      ...(options.recordCluster ? { cluster: options.recordCluster } : {}),
    };
    const prepared = await this.guard(record, () =>
      this.prepare(app, stored, options),
    );
    const { operation, clusters } = await this.runEngine(
      app,
      record,
      prepared.rendered,
      stored,
      options,
    );
    const objects = clusters.flatMap(c => c.results);
    const base = {
      operationId: operation.id,
      namespace: app.namespace,
      name: app.name,
      plan: prepared.plan,
      skipped: prepared.refusals,
    };
    if (options.dryRun) return { ...base, result: 'dry-run', objects };
    const removed = await removeFederatedAppFrom(
      this.deps,

      app,
      new Set([...prepared.placed, ...prepared.layout.away]),
    );
    if (removed.length > 0) {
      await this.deps.operations.update(operation.id, {
        status: 'succeeded',
        results: [...objects, ...removed],
      });
    }
    if (!stored || JSON.stringify(stored.spec) !== JSON.stringify(app)) {
      await this.deps.apps.put(app, actor);
    }
    const changed = clusters.some(c => c.changed) || removed.length > 0;
    let result: FederatedAppDeployResult['result'] = 'unchanged';
    if (!stored) result = 'created';
    else if (changed) result = 'updated';
    return { ...base, result, objects: [...objects, ...removed] };
  }

  private async runEngine(
    app: FederatedApp,
    record: OperationRecord,
    rendered: RenderedCluster[],
    stored: StoredFederatedApp | undefined,
    options: DeployRun,
  ) {
    try {
      return await runRecorded(this.deps, record, {
        owner: federatedAppOwner(app),
        clusters: await Promise.all(
          rendered.map(async r => ({
            cluster: r.cluster,
            objects: r.objects as KubernetesManifest[],
            kubeConfig: await tenantAdminIdentity(
              this.deps,
              r.cluster,
              app.namespace,
            ),
          })),
        ),
        dryRun: options.dryRun,
        reclaim: options.reclaim,
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

  /** Everything decided before the engine runs; throws when the request cannot go ahead. */
  private async prepare(
    app: FederatedApp,
    stored: StoredFederatedApp | undefined,
    options: DeployRun,
  ): Promise<PreparedFederatedDeploy> {
    assertSameOwner(app, stored);
    const prepared = await prepareFederatedDeploy(
      this.deps,
      app,
      stored?.failover ?? { clusters: [] },
      'throw',
      { rebalance: options.rebalance },
    );
    if (prepared.layout.active.length === 0) {
      throw new ConflictError(
        `Federated app '${app.name}' in '${
          app.namespace
        }' has no placed cluster to run on: every one is failed over (${prepared.layout.away.join(
          ', ',
        )})`,
      );
    }
    const refused = new Set(prepared.refusals.map(r => r.cluster));
    const usable = prepared.rendered.length - refused.size;
    if (refused.size > 0 && !(options.allowPartial && usable > 0)) {
      throw new ConflictError(
        `Quota pre-flight failed, nothing applied on any cluster: ${prepared.refusals
          .map(r => `${r.cluster}: ${r.reason}`)
          .join('; ')}`,
      );
    }
    // A refused cluster stays as it is: not applied to, and (being placed) not pruned.
    const rendered = prepared.rendered.filter(r => !refused.has(r.cluster));
    return { ...prepared, rendered };
  }

  /** Removes the app from every cluster (by inventory) and forgets it. */
  async delete(
    app: StoredFederatedApp,
    actor: string,
  ): Promise<{ operationId: string; objects: EngineObjectResult[] }> {
    return this.locked(app, async () => {
      const operation = await this.deps.operations.start({
        kind: 'federated-app',
        action: 'delete',
        target: federatedAppOwner(app).id,
        actor,
        spec: { namespace: app.namespace, name: app.name },
      });
      let objects: EngineObjectResult[];
      try {
        objects = await removeFederatedAppFrom(this.deps, app.spec, new Set());
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

  /** One stored app, or `undefined`. */
  find(
    namespace: string,
    name: string,
  ): Promise<StoredFederatedApp | undefined> {
    return this.deps.apps.get(namespace, name);
  }

  /** What a deploy of `app` would do now (`stored`: the app as deployed, if it is); applies and records nothing. */
  whatIf(
    app: FederatedApp,
    stored: StoredFederatedApp | undefined,
  ): Promise<FederatedAppPlanResponse> {
    return planFederatedAppWhatIf(this.deps, app, stored);
  }

  /** Stored apps, optionally of some owners. */
  list(filter: { owners?: string[] } = {}): Promise<StoredFederatedApp[]> {
    return this.deps.apps.list(filter);
  }

  /** Records a request that a check refused before anything was applied. */
  async guard<T>(record: OperationRecord, check: () => Promise<T>): Promise<T> {
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

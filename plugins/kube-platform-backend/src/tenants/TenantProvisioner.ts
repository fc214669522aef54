import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ENTITY_NAME_SUBJECTS,
  type KubernetesManifest,
  renderTenantManifests,
  type SubjectNaming,
  type TenantObjectResult,
  type TenantProvisionResponse,
  type TenantObjectStatus,
  type TenantQuota,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  type ClusterRegistry,
  type EngineClusterResult,
  type EngineOwner,
  inspectObjects,
  isClusterTimeout,
  type ProvisioningEngine,
  refOf,
} from '@kube-platform/plugin-kube-platform-node';
import type { Operation, OperationStore } from '../database/OperationStore';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import {
  type OperationRecord,
  runRecorded,
  TenantProvisioningError,
} from '../engine/recordedRun';
import { assertTenantNamespace } from './assertTenantNamespace';
import { assertQuotaAboveUsage } from './assertQuotaAboveUsage';
import type { TenantCredentials } from './TenantCredentials';

export { TenantProvisioningError } from '../engine/recordedRun';

/** A tenant that was created, changed or deleted. */
export interface TenantChange {
  action: 'created' | 'updated' | 'deleted';
  cluster: string;
  name: string;
}

/** Called once per object as provisioning goes, for progress logs. */
export type ProgressListener = (result: TenantObjectResult) => void;

/** Serialises work on one key, across backend instances where the lock allows it. */
export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The engine owner of a tenant. */
export function tenantOwner(
  tenant: Pick<TenantSpec, 'cluster' | 'name'>,
): EngineOwner {
  return { kind: 'tenant', id: `${tenant.cluster}/${tenant.name}` };
}

/**
 * Tenants as a thin client of the provisioning engine: renders a tenant's
 * objects, guards its namespace, and hands them to the engine (pre-flight,
 * apply without stealing fields, inventory, prune), recording each request.
 * One tenant is worked on by one request at a time (`locks`).
 */
export class TenantProvisioner {
  constructor(
    private readonly deps: {
      logger: LoggerService;
      clusterRegistry: ClusterRegistry;
      clusterCache: ClusterCacheService;
      tenants: TenantStore;
      operations: OperationStore;
      engine: ProvisioningEngine;
      locks: KeyedLock;
      subjectNaming?: SubjectNaming;
      /** Where tenant role identities live (`kubePlatform.platformNamespace`). */
      platformNamespace: string;
      /** Told after a tenant was created, changed or deleted (e.g. to refresh the catalog). */
      onChange?: (change: TenantChange) => Promise<void>;
      /** Tenant role identities cached for the tenant, forgotten when it is deleted. */
      credentials?: Pick<TenantCredentials, 'forgetTenant'>;
    },
  ) {}

  private manifests(spec: TenantSpec) {
    return renderTenantManifests(
      spec,
      this.deps.subjectNaming ?? ENTITY_NAME_SUBJECTS,
      { platformNamespace: this.deps.platformNamespace },
    );
  }

  private lockKey(spec: Pick<TenantSpec, 'cluster' | 'namespace'>) {
    return `${spec.cluster}/${spec.namespace}`;
  }

  /** Provisions (or re-applies) a tenant. Idempotent: the same spec again changes nothing. */
  async provision(
    spec: TenantSpec,
    actor: string,
    options: {
      onProgress?: ProgressListener;
      dryRun?: boolean;
      reclaim?: boolean;
    } = {},
  ): Promise<TenantProvisionResponse> {
    this.deps.engine.assertReady(spec.cluster);
    return this.deps.locks.run(this.lockKey(spec), () =>
      this.provisionLocked(spec, actor, options),
    );
  }

  private async provisionLocked(
    spec: TenantSpec,
    actor: string,
    options: {
      onProgress?: ProgressListener;
      dryRun?: boolean;
      reclaim?: boolean;
      action?: string;
    },
  ): Promise<TenantProvisionResponse> {
    const { tenants, engine } = this.deps;
    const stored = await tenants.get(spec.cluster, spec.name);
    const record: OperationRecord = {
      kind: 'tenant',
      action: this.actionOf(stored, options),
      cluster: spec.cluster,
      target: spec.name,
      actor,
      spec,
    };
    if (stored && stored.owner !== spec.owner) {
      // Not recorded in the tenant's history: the requester is not its owner.
      throw new ConflictError(
        `Tenant '${spec.name}' on '${spec.cluster}' belongs to ${stored.owner}, not ${spec.owner}`,
      );
    }
    await this.guard(record, async () => {
      if (stored && stored.namespace !== spec.namespace) {
        throw new ConflictError(
          `Tenant '${spec.name}' on '${spec.cluster}' lives in namespace '${stored.namespace}', not '${spec.namespace}'; nothing was changed`,
        );
      }
      await assertTenantNamespace(engine.applierFor(spec.cluster), spec);
    });
    const { operation, clusters } = await this.runEngine(
      record,
      spec,
      stored,
      options,
    );
    return this.respond(spec, stored, operation, clusters[0], options.dryRun);
  }

  private actionOf(
    stored: StoredTenant | undefined,
    options: { dryRun?: boolean; reclaim?: boolean; action?: string },
  ) {
    if (options.action) return options.action;
    if (options.dryRun) return 'dry-run';
    if (options.reclaim) return 'reclaim';
    return stored ? 'update' : 'create';
  }

  /** Records a request that a check refused before anything was applied. */
  private async guard(record: OperationRecord, check: () => Promise<void>) {
    try {
      await check();
    } catch (error) {
      const operation = await this.deps.operations.start(record);
      await this.deps.operations.update(operation.id, {
        // A cluster that did not answer refused nothing: the request failed.
        status: isClusterTimeout(error) ? 'failed' : 'rejected',
        error: (error as Error).message,
      });
      throw error;
    }
  }

  private async runEngine(
    record: OperationRecord,
    spec: TenantSpec,
    stored: StoredTenant | undefined,
    options: {
      onProgress?: ProgressListener;
      dryRun?: boolean;
      reclaim?: boolean;
    },
  ) {
    const objects = this.manifests(spec);
    const request = {
      owner: tenantOwner(spec),
      clusters: [{ cluster: spec.cluster, objects, namespace: spec.namespace }],
      dryRun: options.dryRun,
      reclaim: options.reclaim,
      onProgress: options.onProgress,
    };
    try {
      return await runRecorded(this.deps, record, request);
    } catch (error) {
      // Part of a new tenant exists on the cluster: keep it on record, so a retry or a delete finds it.
      if (error instanceof TenantProvisioningError && !stored) {
        await this.deps.tenants.insert(spec, record.actor);
      }
      throw error;
    }
  }

  private async respond(
    spec: TenantSpec,
    stored: StoredTenant | undefined,
    operation: Operation,
    cluster: EngineClusterResult,
    dryRun?: boolean,
  ): Promise<TenantProvisionResponse> {
    const base = {
      operationId: operation.id,
      cluster: spec.cluster,
      namespace: spec.namespace,
      name: spec.name,
      objects: cluster.results,
    };
    if (dryRun) return { ...base, result: 'dry-run' };
    if (!stored) await this.deps.tenants.insert(spec, operation.actor);
    else if (cluster.changed) await this.deps.tenants.updateSpec(spec);
    if (cluster.changed) {
      await this.deps.onChange?.({
        action: stored ? 'updated' : 'created',
        cluster: spec.cluster,
        name: spec.name,
      });
    }
    const namespaceCreated = cluster.results.some(
      r =>
        r.kind === 'Namespace' &&
        r.name === spec.namespace &&
        r.outcome === 'created',
    );
    let result: TenantProvisionResponse['result'] = 'unchanged';
    if (namespaceCreated) result = 'created';
    else if (cluster.changed) result = 'updated';
    return { ...base, result };
  }

  /**
   * Changes a tenant's quota: the whole tenant is applied again with the new
   * quota, through the same engine. Refuses hard limits below what is already
   * used (from the watch cache) unless `force` is set.
   */
  async updateQuota(
    tenant: StoredTenant,
    quota: Partial<TenantQuota>,
    options: { force: boolean; actor: string },
  ): Promise<TenantProvisionResponse> {
    if (!options.force) {
      assertQuotaAboveUsage(this.deps.clusterCache, tenant, quota);
    }
    const next: TenantSpec = {
      ...tenant.spec,
      quota: { ...tenant.spec.quota, ...quota } as TenantQuota,
    };
    return this.provision(next, options.actor);
  }

  /** Deletes the tenant's objects (the namespace with everything in it, and the rest by inventory) and forgets it. */
  async delete(
    tenant: StoredTenant,
    actor: string,
  ): Promise<{ operationId: string; namespaceDeleted: boolean }> {
    this.deps.engine.assertReady(tenant.cluster);
    return this.deps.locks.run(this.lockKey(tenant), async () => {
      const record: OperationRecord = {
        kind: 'tenant',
        action: 'delete',
        cluster: tenant.cluster,
        target: tenant.name,
        actor,
        spec: { namespace: tenant.namespace },
      };
      const applier = this.deps.engine.applierFor(tenant.cluster);
      await this.guard(record, async () => {
        const live = await applier.read({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: tenant.namespace },
        });
        if (
          live &&
          live.metadata?.labels?.['kube-platform.io/tenant'] !== tenant.name
        ) {
          throw new ConflictError(
            `Namespace '${tenant.namespace}' is not managed as tenant '${tenant.name}'`,
          );
        }
      });
      const operation = await this.deps.operations.start(record);
      const results = await this.deps.engine.remove(
        tenantOwner(tenant),
        tenant.cluster,
        this.manifests(tenant.spec).map(refOf),
      );
      await this.deps.tenants.delete(tenant.cluster, tenant.name);
      this.deps.credentials?.forgetTenant(tenant);
      await this.deps.onChange?.({
        action: 'deleted',
        cluster: tenant.cluster,
        name: tenant.name,
      });
      await this.deps.operations.update(operation.id, {
        status: 'succeeded',
        results,
      });
      const namespaceDeleted = results.some(
        r =>
          r.kind === 'Namespace' &&
          r.name === tenant.namespace &&
          r.outcome === 'deleted',
      );
      return { operationId: operation.id, namespaceDeleted };
    });
  }

  /** Live state of each object of the tenant: present, drifted (with what and by whom) or missing. */
  async inspect(tenant: StoredTenant): Promise<TenantObjectStatus[]> {
    return inspectObjects(
      this.deps.engine.applierFor(tenant.cluster),
      this.manifests(tenant.spec),
    );
  }

  /**
   * Puts the tenant back as specified: objects with fields other managers
   * added are replaced by exactly what we render, then the whole tenant is
   * applied again taking back any field of ours (reclaim). Recorded as `repair`.
   */
  async repair(
    tenant: StoredTenant,
    actor: string,
  ): Promise<TenantProvisionResponse> {
    this.deps.engine.assertReady(tenant.cluster);
    return this.deps.locks.run(this.lockKey(tenant), async () => {
      const applier = this.deps.engine.applierFor(tenant.cluster);
      const manifests = this.manifests(tenant.spec);
      const statuses = await inspectObjects(applier, manifests);
      for (const [i, status] of statuses.entries()) {
        if (
          status.state === 'drifted' &&
          status.drift?.some(d => d.includes('(set by '))
        ) {
          await applier.replace(manifests[i]);
        }
      }
      return this.provisionLocked(tenant.spec, actor, {
        reclaim: true,
        action: 'repair',
      });
    });
  }

  /** Every recorded request for a tenant, newest first. */
  async history(cluster: string, name: string): Promise<Operation[]> {
    return this.deps.operations.listForTarget({
      kind: 'tenant',
      target: name,
      cluster,
    });
  }

  /** Rendered manifests of a stored tenant (for status and verification). */
  manifestsOf(tenant: StoredTenant): KubernetesManifest[] {
    return this.manifests(tenant.spec);
  }

  /** Fails with 404 when no tenant of that name exists on the cluster. */
  async require(cluster: string, name: string): Promise<StoredTenant> {
    this.deps.clusterRegistry.getCluster(cluster);
    const tenant = await this.deps.tenants.get(cluster, name);
    if (!tenant) {
      throw new NotFoundError(`No tenant '${name}' on cluster '${cluster}'`);
    }
    return tenant;
  }
}

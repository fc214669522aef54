import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  computeQuotaUsage,
  ENTITY_NAME_SUBJECTS,
  KUBE_PLATFORM_MANAGER,
  type KubernetesManifest,
  parseQuantity,
  renderTenantManifests,
  type SubjectNaming,
  type TenantObjectResult,
  type TenantProvisionResponse,
  type TenantQuota,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import {
  apiErrorMessage,
  type ClusterCacheService,
  type ClusterRegistry,
  ManifestApplier,
} from '@kube-platform/plugin-kube-platform-node';
import type { Operation, OperationStore } from '../database/OperationStore';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import { KeyedMutex } from './KeyedMutex';

/** A tenant that was created, changed or deleted. */
export interface TenantChange {
  action: 'created' | 'updated' | 'deleted';
  cluster: string;
  name: string;
}

/** Called once per object as provisioning goes, for progress logs. */
export type ProgressListener = (result: TenantObjectResult) => void;

/** A provisioning run that failed part-way; the operation lists what was applied. */
export class TenantProvisioningError extends Error {
  readonly name = 'TenantProvisioningError';
  constructor(message: string, readonly operation: Operation) {
    super(message);
  }
}

function label(manifest: KubernetesManifest) {
  return `${manifest.kind}/${manifest.metadata.name}`;
}

/** Where a dry-run of a namespaced object can run before its namespace exists. */
const DRY_RUN_FALLBACK_NAMESPACE = 'default';

/**
 * Applies tenants to clusters: ownership checks, a server-side dry-run of every
 * object, then server-side apply in order, each object's outcome recorded. One
 * tenant is worked on by one request at a time in this process, and the tenant
 * row's primary key guards across processes.
 */
export class TenantProvisioner {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly deps: {
      logger: LoggerService;
      clusterRegistry: ClusterRegistry;
      clusterCache: ClusterCacheService;
      tenants: TenantStore;
      operations: OperationStore;
      subjectNaming?: SubjectNaming;
      /** Where tenant role identities live (`kubePlatform.platformNamespace`). */
      platformNamespace: string;
      /** Told after a tenant was created, changed or deleted (e.g. to refresh the catalog). */
      onChange?: (change: TenantChange) => Promise<void>;
    },
  ) {}

  private applier(cluster: string) {
    return new ManifestApplier(
      this.deps.clusterRegistry.getKubeConfig(cluster),
    );
  }

  private manifests(spec: TenantSpec) {
    return renderTenantManifests(
      spec,
      this.deps.subjectNaming ?? ENTITY_NAME_SUBJECTS,
      { platformNamespace: this.deps.platformNamespace },
    );
  }

  /** Provisions (or re-applies) a tenant. Idempotent: the same spec again changes nothing. */
  async provision(
    spec: TenantSpec,
    actor: string,
    options: { onProgress?: ProgressListener; dryRun?: boolean } = {},
  ): Promise<TenantProvisionResponse> {
    return this.mutex.run(`${spec.cluster}/${spec.namespace}`, () =>
      this.provisionLocked(
        spec,
        actor,
        options.onProgress ?? (() => {}),
        options.dryRun ?? false,
      ),
    );
  }

  /** Records a request that checks refused before anything was applied. */
  private async reject(
    spec: TenantSpec,
    actor: string,
    action: string,
    error: Error,
  ): Promise<never> {
    const operation = await this.deps.operations.start({
      kind: 'tenant',
      action,
      cluster: spec.cluster,
      target: spec.name,
      actor,
      spec,
    });
    await this.deps.operations.update(operation.id, {
      status: 'rejected',
      error: error.message,
    });
    throw error;
  }

  private async provisionLocked(
    spec: TenantSpec,
    actor: string,
    onProgress: ProgressListener,
    dryRun: boolean,
  ): Promise<TenantProvisionResponse> {
    const { logger, tenants, operations } = this.deps;
    const action = dryRun ? 'dry-run' : 'apply';
    const applier = this.applier(spec.cluster);
    const stored = await tenants.get(spec.cluster, spec.name);
    if (stored && stored.owner !== spec.owner) {
      return this.reject(
        spec,
        actor,
        action,
        new ConflictError(
          `Tenant '${spec.name}' on '${spec.cluster}' belongs to ${stored.owner}, not ${spec.owner}`,
        ),
      );
    }

    const manifests = this.manifests(spec);
    const namespaceManifest = manifests[0];
    const liveNamespace = await applier.read(namespaceManifest);
    if (liveNamespace) {
      const labels = liveNamespace.metadata?.labels ?? {};
      const owner =
        liveNamespace.metadata?.annotations?.['kube-platform.io/owner'];
      if (
        labels['app.kubernetes.io/managed-by'] !== KUBE_PLATFORM_MANAGER ||
        labels['kube-platform.io/tenant'] !== spec.name ||
        owner !== spec.owner
      ) {
        return this.reject(
          spec,
          actor,
          action,
          new ConflictError(
            `Namespace '${spec.namespace}' already exists on '${spec.cluster}' and is not this tenant's; nothing was changed`,
          ),
        );
      }
    }

    // Dry-run everything first: the cluster's own validation and admission must
    // accept every object before the first one is stored.
    for (const manifest of manifests) {
      const target =
        manifest.metadata.namespace === spec.namespace && !liveNamespace
          ? {
              ...manifest,
              metadata: {
                ...manifest.metadata,
                namespace: DRY_RUN_FALLBACK_NAMESPACE,
              },
            }
          : manifest;
      try {
        await applier.dryRun(target);
      } catch (error) {
        return this.reject(
          spec,
          actor,
          action,
          new InputError(
            `Cluster '${spec.cluster}' rejected ${label(
              manifest,
            )} in a dry-run: ${apiErrorMessage(error)}`,
          ),
        );
      }
    }

    if (dryRun) {
      const objects = manifests.map(m => ({
        kind: m.kind,
        name: m.metadata.name,
        namespace: m.metadata.namespace,
        outcome: 'skipped' as const,
        message: 'dry-run: accepted by the cluster, not applied',
      }));
      objects.forEach(onProgress);
      return {
        operationId: '',
        cluster: spec.cluster,
        namespace: spec.namespace,
        name: spec.name,
        result: 'dry-run',
        objects,
      };
    }

    if (!stored) {
      await tenants.insert(spec, actor);
    }
    const operation = await operations.start({
      kind: 'tenant',
      action: stored ? 'update' : 'create',
      cluster: spec.cluster,
      target: spec.name,
      actor,
      spec,
    });

    const results: TenantObjectResult[] = [];
    for (const [index, manifest] of manifests.entries()) {
      try {
        const { outcome } = await applier.apply(manifest);
        const result = {
          kind: manifest.kind,
          name: manifest.metadata.name,
          namespace: manifest.metadata.namespace,
          outcome,
        };
        results.push(result);
        onProgress(result);
        logger.info('Applied tenant object', {
          cluster: spec.cluster,
          tenant: spec.name,
          object: label(manifest),
          outcome,
        });
      } catch (error) {
        const message = apiErrorMessage(error);
        const failed: TenantObjectResult = {
          kind: manifest.kind,
          name: manifest.metadata.name,
          namespace: manifest.metadata.namespace,
          outcome: 'failed',
          message,
        };
        results.push(failed);
        onProgress(failed);
        for (const rest of manifests.slice(index + 1)) {
          results.push({
            kind: rest.kind,
            name: rest.metadata.name,
            namespace: rest.metadata.namespace,
            outcome: 'skipped',
          });
        }
        const recorded = await operations.update(operation.id, {
          status: 'failed',
          results: results.map(r => ({ ...r, cluster: spec.cluster })),
          error: `${label(manifest)}: ${message}`,
        });
        logger.warn('Tenant provisioning failed part-way', {
          cluster: spec.cluster,
          tenant: spec.name,
          object: label(manifest),
          error: message,
        });
        throw new TenantProvisioningError(
          `Applying ${label(manifest)} to '${
            spec.cluster
          }' failed: ${message}. Retry the request to converge.`,
          recorded,
        );
      }
    }

    for (const pruned of await this.prune(spec, applier, manifests)) {
      results.push(pruned);
      onProgress(pruned);
    }

    const changed = results.some(r => r.outcome !== 'unchanged');
    if (changed) {
      await this.deps.onChange?.({
        action: stored ? 'updated' : 'created',
        cluster: spec.cluster,
        name: spec.name,
      });
    }
    await operations.update(operation.id, {
      status: changed ? 'succeeded' : 'no-op',
      results: results.map(r => ({ ...r, cluster: spec.cluster })),
    });
    if (stored && changed) {
      await tenants.updateSpec(spec);
    }
    let result: TenantProvisionResponse['result'] = 'unchanged';
    if (results[0].outcome === 'created') result = 'created';
    else if (changed) result = 'updated';
    return {
      operationId: operation.id,
      cluster: spec.cluster,
      namespace: spec.namespace,
      name: spec.name,
      result,
      objects: results,
    };
  }

  /**
   * Changes a tenant's quota. Refuses hard limits below what is already used
   * (from the watch cache) unless `force` is set, naming the first such key.
   */
  async updateQuota(
    tenant: StoredTenant,
    quota: Partial<TenantQuota>,
    options: { force: boolean; actor: string },
  ): Promise<TenantProvisionResponse> {
    const next: TenantSpec = {
      ...tenant.spec,
      quota: { ...tenant.spec.quota, ...quota } as TenantQuota,
    };
    if (!options.force) {
      const live = this.deps.clusterCache
        .forCluster(tenant.cluster)
        .resourceQuotas.list()
        .filter(
          q => q.namespace === tenant.namespace && q.name === 'tenant-quota',
        );
      const usage = computeQuotaUsage(live);
      for (const [key, hard] of Object.entries(quota)) {
        const used = usage.find(u => u.resource === key)?.used;
        if (used !== undefined && parseQuantity(hard!) < parseQuantity(used)) {
          throw new ConflictError(
            `quota.${key}: ${hard} is below the ${used} already used in ${tenant.namespace}; set force to apply anyway`,
          );
        }
      }
    }
    const quotaManifest = this.manifests(next).find(
      m => m.kind === 'ResourceQuota',
    )!;
    return this.mutex.run(`${tenant.cluster}/${tenant.namespace}`, async () => {
      const operation = await this.deps.operations.start({
        kind: 'tenant',
        action: 'update-quota',
        cluster: tenant.cluster,
        target: tenant.name,
        actor: options.actor,
        spec: { quota, force: options.force },
      });
      try {
        const { outcome } = await this.applier(tenant.cluster).apply(
          quotaManifest,
        );
        const objects: TenantObjectResult[] = [
          {
            kind: 'ResourceQuota',
            name: quotaManifest.metadata.name,
            namespace: tenant.namespace,
            outcome,
          },
        ];
        await this.deps.operations.update(operation.id, {
          status: outcome === 'unchanged' ? 'no-op' : 'succeeded',
          results: objects.map(o => ({ ...o, cluster: tenant.cluster })),
        });
        await this.deps.tenants.updateSpec(next);
        return {
          operationId: operation.id,
          cluster: tenant.cluster,
          namespace: tenant.namespace,
          name: tenant.name,
          result: outcome === 'unchanged' ? 'unchanged' : 'updated',
          objects,
        };
      } catch (error) {
        const message = apiErrorMessage(error);
        const recorded = await this.deps.operations.update(operation.id, {
          status: 'failed',
          error: message,
        });
        throw new TenantProvisioningError(
          `Updating the quota failed: ${message}`,
          recorded,
        );
      }
    });
  }

  /** Deletes the tenant's namespace (and with it every object) and forgets the tenant. */
  async delete(
    tenant: StoredTenant,
    actor: string,
  ): Promise<{ operationId: string; namespaceDeleted: boolean }> {
    return this.mutex.run(`${tenant.cluster}/${tenant.namespace}`, async () => {
      const operation = await this.deps.operations.start({
        kind: 'tenant',
        action: 'delete',
        cluster: tenant.cluster,
        target: tenant.name,
        actor,
        spec: { namespace: tenant.namespace },
      });
      const namespace = this.manifests(tenant.spec)[0];
      const applier = this.applier(tenant.cluster);
      const live = await applier.read(namespace);
      if (
        live &&
        live.metadata?.labels?.['kube-platform.io/tenant'] !== tenant.name
      ) {
        await this.deps.operations.update(operation.id, {
          status: 'failed',
          error: "namespace is not this tenant's",
        });
        throw new ConflictError(
          `Namespace '${tenant.namespace}' is not managed as tenant '${tenant.name}'`,
        );
      }
      const namespaceDeleted = live ? await applier.delete(namespace) : false;
      // Cluster-scoped objects and the role identities in the platform
      // namespace do not go with the tenant's namespace.
      const outside = this.manifests(tenant.spec).filter(
        m => m.kind !== 'Namespace' && m.metadata.namespace !== tenant.namespace,
      );
      for (const manifest of outside) {
        await applier.delete(manifest);
      }
      await this.deps.tenants.delete(tenant.cluster, tenant.name);
      await this.deps.onChange?.({
        action: 'deleted',
        cluster: tenant.cluster,
        name: tenant.name,
      });
      await this.deps.operations.update(operation.id, {
        status: 'succeeded',
        results: [
          {
            cluster: tenant.cluster,
            kind: 'Namespace',
            name: tenant.namespace,
            outcome: namespaceDeleted ? 'deleted' : 'skipped',
            message: namespaceDeleted ? undefined : 'already gone',
          },
        ],
      });
      return { operationId: operation.id, namespaceDeleted };
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

  /**
   * Objects this tenant had under an earlier spec but no longer renders (network
   * policies after isolation was turned off, the registry policy after the
   * registry list was emptied). Only objects carrying this tenant's label go.
   */
  private async prune(
    spec: TenantSpec,
    applier: ManifestApplier,
    current: KubernetesManifest[],
  ): Promise<TenantObjectResult[]> {
    const everything = this.manifests({
      ...spec,
      networking: {
        ...spec.networking,
        isolation: true,
        allowDns: true,
        allowedNamespaces: ['-'],
        allowedEgressPorts: [1],
      },
      security: { ...spec.security, allowedRegistries: ['registry.invalid'] },
    });
    const key = (m: KubernetesManifest) =>
      `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    const wanted = new Set(current.map(key));
    const results: TenantObjectResult[] = [];
    for (const candidate of everything.filter(m => !wanted.has(key(m)))) {
      const live = await applier.read(candidate);
      if (live?.metadata?.labels?.['kube-platform.io/tenant'] === spec.name) {
        await applier.delete(candidate);
        results.push({
          kind: candidate.kind,
          name: candidate.metadata.name,
          namespace: candidate.metadata.namespace,
          outcome: 'deleted',
        });
      }
    }
    return results;
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

import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { TenantSummary } from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type express from 'express';
import type { CostServices } from '../cost/createCostServices';
import type { OperationStore } from '../database/OperationStore';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import type { TenantPolicySettings } from '../tenants/tenantGuardrails';
import type { TenantProvisioner } from '../tenants/TenantProvisioner';
import { actorOf, type TenantAccess } from './tenantAccess';

/** Dependencies of the tenant routes. */
export interface TenantsRouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  tenants: TenantStore;
  operations: OperationStore;
  provisioner: TenantProvisioner;
  credentials: TenantCredentials;
  access: TenantAccess;
  settings: TenantPolicySettings;
  /** Cost history, for the tenant's month-to-date cost; absent = not shown. */
  cost?: CostServices;
}

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A tenant as listed, with its namespace phase from the watch cache. */
export function toSummary(
  tenant: StoredTenant,
  clusterCache: ClusterCacheService,
): TenantSummary {
  return {
    ...summaryFields(tenant),
    phase: namespacePhase(tenant, clusterCache),
  };
}

/** A tenant on a cluster that left the configuration is listed, not an error. */
function namespacePhase(
  tenant: StoredTenant,
  clusterCache: ClusterCacheService,
): TenantSummary['phase'] {
  let cache;
  try {
    cache = clusterCache.forCluster(tenant.cluster);
  } catch {
    return 'ClusterUnavailable';
  }
  const ns = cache.namespaces.list().find(n => n.name === tenant.namespace);
  if (!ns) return 'Missing';
  return ns.phase === 'Terminating' ? 'Terminating' : 'Active';
}

function summaryFields(tenant: StoredTenant) {
  return {
    name: tenant.name,
    namespace: tenant.namespace,
    cluster: tenant.cluster,
    owner: tenant.owner,
    environment: tenant.environment,
    costCenter: tenant.costCenter,
    ...(tenant.spec.budget ? { budget: tenant.spec.budget } : {}),
    createdAt: tenant.createdAt,
  };
}

/** The ResourceQuotas of a tenant's namespace, from the watch cache. */
export function quotasOf(
  clusterCache: ClusterCacheService,
  tenant: StoredTenant,
) {
  return clusterCache
    .forCluster(tenant.cluster)
    .resourceQuotas.list()
    .filter(q => q.namespace === tenant.namespace);
}

/**
 * Every per-tenant route starts the same way: credentials, then the tenant
 * named in the path (404), then the permission on it (403).
 */
export async function authorizedTenant(
  options: Pick<TenantsRouterOptions, 'httpAuth' | 'provisioner' | 'access'>,
  req: express.Request,
  permission: ResourcePermission<'kube-platform-tenant'>,
  allow: Array<'user' | 'service'> = ['user', 'service'],
) {
  const credentials = await options.httpAuth.credentials(req, { allow });
  const { cluster, name } = req.params;
  if (!NAME.test(cluster) || !NAME.test(name)) {
    throw new NotFoundError(`No tenant '${name}' on cluster '${cluster}'`);
  }
  const tenant = await options.provisioner.require(cluster, name);
  await options.access.authorize(credentials, permission, tenant);
  return { credentials, tenant, actor: actorOf(credentials) };
}

import { NotFoundError } from '@backstage/errors';
import {
  computeQuotaUsage,
  kubePlatformCostReadPermission,
  kubePlatformTenantHistoryReadPermission,
  kubePlatformTenantReadPermission,
  type TenantDetails,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { tenantMonthToDate } from '../cost/tenantMonthToDate';
import { IsolationVerifier } from '../tenants/IsolationVerifier';
import { entityQuotaUsage, namespacesOfEntity } from './entityQuota';
import {
  authorizedTenant,
  quotasOf,
  toSummary,
  type TenantsRouterOptions,
} from './tenantRouteContext';

type Handler = (req: express.Request, res: express.Response) => Promise<void>;

/** `GET /tenants?owner=&cluster=`: the tenants the caller may read. */
export function listTenants(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const owner =
      typeof req.query.owner === 'string' ? req.query.owner : undefined;
    const cluster =
      typeof req.query.cluster === 'string' ? req.query.cluster : undefined;
    const list = await options.tenants.list({
      owners: owner ? [owner] : undefined,
      cluster,
    });
    const visible = await options.access.visible(credentials, list);
    res.json({ items: visible.map(t => toSummary(t, options.clusterCache)) });
  };
}

/**
 * `GET /tenants/:cluster/:name`: spec, each object's live state, quota usage,
 * and for those who may read its cost the month-to-date cost.
 */
export function getTenant(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant, credentials } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantReadPermission,
    );
    const details: TenantDetails = {
      ...toSummary(tenant, options.clusterCache),
      spec: tenant.spec,
      objects: await options.provisioner.inspect(tenant),
      quota: {
        cluster: tenant.cluster,
        namespace: tenant.namespace,
        tenant: tenant.name,
        resources: computeQuotaUsage(quotasOf(options.clusterCache, tenant)),
      },
    };
    // Month-to-date cost only for those who may read the tenant's cost.
    const cost =
      options.cost &&
      (await options.access.isAllowed(
        credentials,
        kubePlatformCostReadPermission,
        tenant,
      ))
        ? await tenantMonthToDate(options.cost, tenant, Date.now())
        : undefined;
    res.json(cost ? { ...details, cost } : details);
  };
}

/** `GET /tenants/:cluster/:name/operations`: the tenant's history, for its owners. */
export function getTenantHistory(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantHistoryReadPermission,
      ['user'],
    );
    res.json({
      items: await options.provisioner.history(tenant.cluster, tenant.name),
    });
  };
}

/** `POST /tenants/:cluster/:name/verify`: the isolation report with its evidence. */
export function verifyTenant(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    // Users only: verification acts as the tenant's admin identity.
    const { tenant } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantReadPermission,
      ['user'],
    );
    const verifier = new IsolationVerifier({
      platform: options.clusterRegistry.getKubeConfig(tenant.cluster),
      tenantAdmin: await options.credentials.kubeConfigFor(tenant, 'admin'),
      platformNamespace: options.settings.platformNamespace,
    });
    res.json(
      await verifier.verify(tenant, quotasOf(options.clusterCache, tenant)),
    );
  };
}

/** `GET /entities/:kind/:namespace/:name/quota`: quota of the namespaces an entity stands for. */
export function getEntityQuota(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const entity = await options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    const visible = await options.access.visible(
      credentials,
      await options.tenants.list(),
    );
    res.json({
      entityRef,
      namespaces: entityQuotaUsage(namespacesOfEntity(entity, visible), {
        clusterRegistry: options.clusterRegistry,
        clusterCache: options.clusterCache,
        tenants: visible,
      }),
    });
  };
}

import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  computeQuotaUsage,
  kubePlatformKubeconfigReadPermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantElevatePermission,
  kubePlatformTenantHistoryReadPermission,
  kubePlatformTenantReadPermission,
  kubePlatformTenantUpdatePermission,
  tenantQuotaSchema,
  tenantRoleOf,
  type TenantDetails,
  type TenantQuota,
  type TenantSummary,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { OperationStore } from '../database/OperationStore';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import { IsolationVerifier } from '../tenants/IsolationVerifier';
import { issueTenantKubeconfig } from '../tenants/issueTenantKubeconfig';
import type { TenantCredentials } from '../tenants/TenantCredentials';
import {
  assessTenantRequest,
  type TenantPolicySettings,
  throwForGuardrailIssues,
} from '../tenants/tenantGuardrails';
import type { TenantProvisioner } from '../tenants/TenantProvisioner';
import { entityQuotaUsage, namespacesOfEntity } from './entityQuota';
import { exceptApprovedElevations } from './approvedElevations';
import { actorOf, type TenantAccess } from './tenantAccess';
import { parseInput } from './validation';

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
}

const quotaPatchSchema = z
  .object({ quota: tenantQuotaSchema, force: z.boolean().optional() })
  .strict();

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function toSummary(
  tenant: StoredTenant,
  clusterCache: ClusterCacheService,
): TenantSummary {
  const ns = clusterCache
    .forCluster(tenant.cluster)
    .namespaces.list()
    .find(n => n.name === tenant.namespace);
  let phase: TenantSummary['phase'] = 'Missing';
  if (ns) phase = ns.phase === 'Terminating' ? 'Terminating' : 'Active';
  return {
    name: tenant.name,
    namespace: tenant.namespace,
    cluster: tenant.cluster,
    owner: tenant.owner,
    environment: tenant.environment,
    costCenter: tenant.costCenter,
    createdAt: tenant.createdAt,
    phase,
  };
}

/** Routes for tenants and per-entity quota, mounted inside the plugin router. */
export function createTenantsRouter(
  options: TenantsRouterOptions,
): express.Router {
  const {
    httpAuth,
    catalog,
    clusterRegistry,
    clusterCache,
    tenants,
    provisioner,
    access,
  } = options;
  const router = Router();

  function params(req: express.Request) {
    const { cluster, name } = req.params;
    if (!NAME.test(cluster) || !NAME.test(name)) {
      throw new NotFoundError(`No tenant '${name}' on cluster '${cluster}'`);
    }
    return { cluster, name };
  }

  router.get('/tenants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const owner =
      typeof req.query.owner === 'string' ? req.query.owner : undefined;
    const cluster =
      typeof req.query.cluster === 'string' ? req.query.cluster : undefined;
    const list = await tenants.list({
      owners: owner ? [owner] : undefined,
      cluster,
    });
    const visible = await access.visible(credentials, list);
    res.json({ items: visible.map(t => toSummary(t, clusterCache)) });
  });

  /** Credentials, then the tenant named in the path (404), then the permission (403). */
  async function authorizedTenant(
    req: express.Request,
    permission: ResourcePermission<'kube-platform-tenant'>,
    allow: Array<'user' | 'service'> = ['user', 'service'],
  ) {
    const credentials = await httpAuth.credentials(req, { allow });
    const { cluster, name } = params(req);
    const tenant = await provisioner.require(cluster, name);
    await access.authorize(credentials, permission, tenant);
    return { credentials, tenant, actor: actorOf(credentials) };
  }

  function quotasOf(tenant: StoredTenant) {
    return clusterCache
      .forCluster(tenant.cluster)
      .resourceQuotas.list()
      .filter(q => q.namespace === tenant.namespace);
  }

  router.get('/tenants/:cluster/:name', async (req, res) => {
    const { tenant } = await authorizedTenant(
      req,
      kubePlatformTenantReadPermission,
    );
    const objects = await provisioner.inspect(tenant);
    const details: TenantDetails = {
      ...toSummary(tenant, clusterCache),
      spec: tenant.spec,
      objects,
      quota: {
        cluster: tenant.cluster,
        namespace: tenant.namespace,
        tenant: tenant.name,
        resources: computeQuotaUsage(quotasOf(tenant)),
      },
    };
    res.json(details);
  });

  router.get('/tenants/:cluster/:name/operations', async (req, res) => {
    const { tenant } = await authorizedTenant(
      req,
      kubePlatformTenantHistoryReadPermission,
    );
    res.json({ items: await provisioner.history(tenant.cluster, tenant.name) });
  });

  router.get('/tenants/:cluster/:name/kubeconfig', async (req, res) => {
    const { tenant, credentials, actor } = await authorizedTenant(
      req,
      kubePlatformKubeconfigReadPermission,
      ['user'],
    );
    // Exactly the role the person holds in this tenant, never more.
    const requester = await access.requester(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
    const level = tenantRoleOf(tenant.spec, requester);
    if (!level) {
      throw new NotAllowedError(
        `${requester.userEntityRef} holds no role in tenant '${tenant.name}' on '${tenant.cluster}'`,
      );
    }
    const kubeconfig = await issueTenantKubeconfig(
      { credentials: options.credentials, operations: options.operations },
      tenant,
      { actor, level, expirationSeconds: 3600 },
    );
    res
      .status(200)
      .set('cache-control', 'no-store')
      .set(
        'content-disposition',
        `attachment; filename="${tenant.cluster}-${tenant.name}-${level}.kubeconfig"`,
      )
      .type('application/yaml')
      .send(kubeconfig);
  });

  router.patch('/tenants/:cluster/:name/quota', async (req, res) => {
    const { tenant, credentials, actor } = await authorizedTenant(
      req,
      kubePlatformTenantUpdatePermission,
      ['user'],
    );
    const body = parseInput(quotaPatchSchema, req.body, 'quota change');
    const next = {
      ...tenant.spec,
      quota: { ...tenant.spec.quota, ...body.quota } as TenantQuota,
    };
    throwForGuardrailIssues(
      exceptApprovedElevations(
        assessTenantRequest({
          spec: next,
          elevationAllowed: await access.isAllowed(
            credentials,
            kubePlatformTenantElevatePermission,
            tenant,
          ),
          clusterRegistry,
          clusterCache,
          settings: options.settings,
        }),
        tenant.spec,
      ),
    );
    res.json(
      await provisioner.updateQuota(tenant, body.quota, {
        force: body.force ?? false,
        actor,
      }),
    );
  });

  router.post('/tenants/:cluster/:name/repair', async (req, res) => {
    const { tenant, actor } = await authorizedTenant(
      req,
      kubePlatformTenantUpdatePermission,
      ['user'],
    );
    res.json(await provisioner.repair(tenant, actor));
  });

  router.delete('/tenants/:cluster/:name', async (req, res) => {
    const { tenant, actor } = await authorizedTenant(
      req,
      kubePlatformTenantDeletePermission,
      ['user'],
    );
    res.json(await provisioner.delete(tenant, actor));
  });

  router.post('/tenants/:cluster/:name/verify', async (req, res) => {
    const { tenant } = await authorizedTenant(
      req,
      kubePlatformTenantReadPermission,
    );
    const verifier = new IsolationVerifier({
      platform: clusterRegistry.getKubeConfig(tenant.cluster),
      tenantAdmin: await options.credentials.kubeConfigFor(tenant, 'admin'),
      platformNamespace: options.settings.platformNamespace,
    });
    res.json(await verifier.verify(tenant, quotasOf(tenant)));
  });

  router.get('/entities/:kind/:namespace/:name/quota', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    const all = await tenants.list();
    const visible = await access.visible(credentials, all);
    const placements = namespacesOfEntity(entity, visible);
    res.json({
      entityRef,
      namespaces: entityQuotaUsage(placements, {
        clusterRegistry,
        clusterCache,
        tenants: visible,
      }),
    });
  });

  return router;
}

import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  computeQuotaUsage,
  kubePlatformKubeconfigReadPermission,
  kubePlatformTenantCreatePermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantReadPermission,
  kubePlatformTenantUpdatePermission,
  resolveTenantSpec,
  tenantQuotaSchema,
  tenantRequestSchema,
  type TenantDetails,
  type TenantSummary,
  validateTenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  type ClusterRegistry,
  isTenantAuthorized,
  ManifestApplier,
  type TenantPermissionResource,
} from '@kube-platform/plugin-kube-platform-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import { IsolationVerifier } from '../tenants/IsolationVerifier';
import {
  TenantProvisioner,
  TenantProvisioningError,
} from '../tenants/TenantProvisioner';
import { inspectTenantObjects } from '../tenants/tenantStatus';
import { entityQuotaUsage, namespacesOfEntity } from './entityQuota';
import { parseInput } from './validation';

/** Dependencies of the tenant routes. */
export interface TenantsRouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  tenants: TenantStore;
  provisioner: TenantProvisioner;
  namespacePrefix: string;
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

/** Who acted, for the operation records: a user entity ref or `plugin:<id>`. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `plugin:${principal.subject}`;
}

/** Routes for tenants and per-entity quota, mounted inside the plugin router. */
export function createTenantsRouter(
  options: TenantsRouterOptions,
): express.Router {
  const {
    httpAuth,
    permissions,
    catalog,
    clusterRegistry,
    clusterCache,
    tenants,
    provisioner,
  } = options;
  const router = Router();

  async function authorizeTenant(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'kube-platform-tenant'>,
    resource: TenantPermissionResource,
  ) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return;
    if (
      decision.result === AuthorizeResult.CONDITIONAL &&
      isTenantAuthorized(decision, resource)
    )
      return;
    throw new NotAllowedError(
      `Not allowed to ${permission.attributes.action ?? 'use'} tenant '${
        resource.name
      }' on '${resource.cluster}' (owner ${resource.owner})`,
    );
  }

  async function visibleTenants(
    credentials: BackstageCredentials,
    list: StoredTenant[],
  ) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: kubePlatformTenantReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return list;
    if (decision.result === AuthorizeResult.DENY) return [];
    return list.filter(t => isTenantAuthorized(decision, t));
  }

  function params(req: express.Request) {
    const { cluster, name } = req.params;
    if (!NAME.test(cluster) || !NAME.test(name)) {
      throw new NotFoundError(`No tenant '${name}' on cluster '${cluster}'`);
    }
    return { cluster, name };
  }

  router.post('/tenants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const request = parseInput(tenantRequestSchema, req.body, 'tenant request');
    if (!clusterRegistry.listClusters().some(c => c.name === request.cluster)) {
      throw new InputError(
        `Invalid tenant request: cluster: '${request.cluster}' is not a registered cluster`,
      );
    }
    const owner = await catalog.getEntityByRef(request.owner, { credentials });
    if (!owner || owner.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(
        `Invalid tenant request: owner: '${request.owner}' is not a group in the catalog`,
      );
    }
    const spec = resolveTenantSpec(request, {
      namespacePrefix: options.namespacePrefix,
    });
    const issues = validateTenantSpec(spec);
    if (issues.length > 0) {
      throw new InputError(
        `Invalid tenant request: ${issues
          .map(i => `${i.path}: ${i.message}`)
          .join('; ')}`,
      );
    }
    await authorizeTenant(
      credentials,
      kubePlatformTenantCreatePermission,
      spec,
    );
    const actor = actorOf(credentials);

    const dryRun = req.query.dryRun === 'true';
    if (req.query.stream === 'true') {
      // Newline-delimited JSON: one line per object as it is applied, then the result.
      res.status(200).type('application/x-ndjson');
      try {
        const result = await provisioner.provision(spec, actor, {
          dryRun,
          onProgress: object =>
            res.write(`${JSON.stringify({ type: 'object', object })}\n`),
        });
        res.end(`${JSON.stringify({ type: 'result', result })}\n`);
      } catch (error) {
        const e = error as Error & { statusCode?: number };
        res.end(
          `${JSON.stringify({
            type: 'error',
            error: { name: e.name, message: e.message },
            operation:
              error instanceof TenantProvisioningError
                ? error.operation
                : undefined,
          })}\n`,
        );
      }
      return;
    }

    try {
      const result = await provisioner.provision(spec, actor, { dryRun });
      res
        .status(
          result.result === 'created' || result.result === 'updated'
            ? 201
            : 200,
        )
        .json(result);
    } catch (error) {
      if (error instanceof TenantProvisioningError) {
        res.status(502).json({
          error: { name: error.name, message: error.message },
          operation: error.operation,
        });
        return;
      }
      throw error;
    }
  });

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
    const visible = await visibleTenants(credentials, list);
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
    await authorizeTenant(credentials, permission, tenant);
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
    const applier = new ManifestApplier(
      clusterRegistry.getKubeConfig(tenant.cluster),
    );
    const objects = await inspectTenantObjects(
      applier,
      provisioner.manifestsOf(tenant),
    );
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
      kubePlatformTenantReadPermission,
    );
    res.json({ items: await provisioner.history(tenant.cluster, tenant.name) });
  });

  router.get('/tenants/:cluster/:name/kubeconfig', async (req, res) => {
    // Owners only: the policy makes this conditional on the owner group.
    const { tenant, actor } = await authorizedTenant(
      req,
      kubePlatformKubeconfigReadPermission,
      ['user'],
    );
    const kubeconfig = await provisioner.issueKubeconfig(tenant, {
      actor,
      expirationSeconds: 3600,
    });
    res
      .status(200)
      .set('cache-control', 'no-store')
      .set(
        'content-disposition',
        `attachment; filename="${tenant.cluster}-${tenant.name}.kubeconfig"`,
      )
      .type('application/yaml')
      .send(kubeconfig);
  });

  router.patch('/tenants/:cluster/:name/quota', async (req, res) => {
    const { tenant, actor } = await authorizedTenant(
      req,
      kubePlatformTenantUpdatePermission,
    );
    const body = parseInput(quotaPatchSchema, req.body, 'quota change');
    res.json(
      await provisioner.updateQuota(tenant, body.quota, {
        force: body.force ?? false,
        actor,
      }),
    );
  });

  router.delete('/tenants/:cluster/:name', async (req, res) => {
    const { tenant, actor } = await authorizedTenant(
      req,
      kubePlatformTenantDeletePermission,
    );
    res.json(await provisioner.delete(tenant, actor));
  });

  router.post('/tenants/:cluster/:name/verify', async (req, res) => {
    const { tenant } = await authorizedTenant(
      req,
      kubePlatformTenantReadPermission,
    );
    const verifier = new IsolationVerifier(
      clusterRegistry.getKubeConfig(tenant.cluster),
    );
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
    const visible = await visibleTenants(credentials, all);
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

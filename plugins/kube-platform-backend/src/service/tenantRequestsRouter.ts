import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  kubePlatformTenantCreatePermission,
  kubePlatformTenantElevatePermission,
  quotaMonthlyCost,
  resolveTenantSpec,
  tenantRequestSchema,
  type TenantGuardrailsCostEstimate,
  type TenantGuardrailsReport,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import express from 'express';
import Router from 'express-promise-router';
import type { CostSettings } from '../cost/readCostSettings';
import type { TenantStore } from '../database/TenantStore';
import {
  assessTenantRequest,
  type TenantPolicySettings,
  throwForGuardrailIssues,
} from '../tenants/tenantGuardrails';
import type { TenantProvisioner } from '../tenants/TenantProvisioner';
import {
  environmentChange,
  exceptApprovedElevations,
} from './approvedElevations';
import { respondWithRun } from './respondWithRun';
import { actorOf, type TenantAccess } from './tenantAccess';
import { parseInput } from './validation';

/** Dependencies of the routes that request tenants. */
export interface TenantRequestsRouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  clusterRegistry: ClusterRegistry;
  clusterCache: ClusterCacheService;
  provisioner: TenantProvisioner;
  tenants: TenantStore;
  access: TenantAccess;
  settings: TenantPolicySettings;
  /** Cluster prices, for the quota's monthly cost; absent = not estimated. */
  costSettings?: Pick<CostSettings, 'pricingOf'>;
}

/**
 * `POST /tenants` (provision, `?dryRun`, `?stream`) and `POST /tenants/guardrails`
 * (what the caller may request and what its quota costs a month at full use,
 * for forms). Only users may request: a service-only call would bypass every
 * owner and elevation rule.
 */
export function createTenantRequestsRouter(
  options: TenantRequestsRouterOptions,
): express.Router {
  const { httpAuth, access, provisioner } = options;
  const router = Router();
  const readRequest = (
    req: express.Request,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) => readTenantRequest(options, req.body, credentials);

  router.post('/tenants/guardrails', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { spec, elevationAllowed, issues } = await readRequest(
      req,
      credentials,
    );
    const report: TenantGuardrailsReport & TenantGuardrailsCostEstimate = {
      namespace: spec.namespace,
      elevationAllowed,
      issues,
      monthlyCostAtFullUse: options.costSettings
        ? quotaMonthlyCost(
            spec.quota,
            options.costSettings.pricingOf(spec.cluster),
          )
        : undefined,
    };
    res.json(report);
  });

  router.post('/tenants', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { spec, issues } = await readRequest(req, credentials);
    throwForGuardrailIssues(issues);
    const reclaim = req.query.reclaim === 'true';
    if (reclaim && !(await access.requester(credentials)).platformAdmin) {
      throw new NotAllowedError(
        'reclaim takes fields other field managers own; only platform admins may use it',
      );
    }
    await respondWithRun(res, req.query.stream === 'true', onProgress =>
      provisioner.provision(spec, actorOf(credentials), {
        dryRun: req.query.dryRun === 'true',
        reclaim,
        onProgress,
      }),
    );
  });

  return router;
}

/**
 * A tenant request as the caller may make it: validated, owner checked in the
 * catalog, the owner's create permission, and every guard-rail issue (elevations
 * a platform admin already approved for this tenant excepted).
 */
async function readTenantRequest(
  options: TenantRequestsRouterOptions,
  body: unknown,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
) {
  const { catalog, clusterRegistry, access } = options;
  const request = parseInput(tenantRequestSchema, body, 'tenant request');
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
    namespacePrefix: options.settings.namespacePrefix,
  });
  await access.authorize(credentials, kubePlatformTenantCreatePermission, spec);
  const elevationAllowed = await access.isAllowed(
    credentials,
    kubePlatformTenantElevatePermission,
    spec,
  );
  const stored = await options.tenants.get(spec.cluster, spec.name);
  const current = stored?.owner === spec.owner ? stored.spec : undefined;
  const issues = [
    ...exceptApprovedElevations(
      assessTenantRequest({
        spec,
        elevationAllowed,
        clusterRegistry,
        clusterCache: options.clusterCache,
        settings: options.settings,
      }),
      current,
    ),
    ...(elevationAllowed ? [] : environmentChange(current, spec)),
  ];
  return { spec, elevationAllowed, issues };
}

import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  kubePlatformKubeconfigReadPermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantElevatePermission,
  kubePlatformTenantUpdatePermission,
  tenantQuotaSchema,
  tenantRoleOf,
  type TenantQuota,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { z } from 'zod';
import { issueTenantKubeconfig } from '../tenants/issueTenantKubeconfig';
import {
  assessTenantRequest,
  throwForGuardrailIssues,
} from '../tenants/tenantGuardrails';
import { exceptApprovedElevations } from './approvedElevations';
import {
  authorizedTenant,
  type TenantsRouterOptions,
} from './tenantRouteContext';
import { parseInput } from './validation';

type Handler = (req: express.Request, res: express.Response) => Promise<void>;

const quotaPatchSchema = z
  .object({ quota: tenantQuotaSchema, force: z.boolean().optional() })
  .strict();

/** `GET /tenants/:cluster/:name/kubeconfig`: exactly the role the person holds in the tenant. */
export function downloadKubeconfig(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant, credentials, actor } = await authorizedTenant(
      options,
      req,
      kubePlatformKubeconfigReadPermission,
      ['user'],
    );
    const requester = await options.access.requester(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
    const level = tenantRoleOf(tenant.spec, requester);
    if (!level) {
      throw new NotAllowedError(
        `${requester.userEntityRef} holds no role in tenant '${tenant.name}' on '${tenant.cluster}'`,
      );
    }
    const kubeconfig = await issueTenantKubeconfig(options, tenant, {
      actor,
      level,
      expirationSeconds: 3600,
    });
    res
      .status(200)
      .set('cache-control', 'no-store')
      .set(
        'content-disposition',
        `attachment; filename="${tenant.cluster}-${tenant.name}-${level}.kubeconfig"`,
      )
      .type('application/yaml')
      .send(kubeconfig);
  };
}

/** `PATCH /tenants/:cluster/:name/quota`: guard rails as for a request, then the engine. */
export function changeQuota(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant, credentials, actor } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantUpdatePermission,
      ['user'],
    );
    const body = parseInput(quotaPatchSchema, req.body, 'quota change');
    const next = {
      ...tenant.spec,
      quota: { ...tenant.spec.quota, ...body.quota } as TenantQuota,
    };
    const elevationAllowed = await options.access.isAllowed(
      credentials,
      kubePlatformTenantElevatePermission,
      tenant,
    );
    const issues = assessTenantRequest({
      ...options,
      spec: next,
      elevationAllowed,
    });
    throwForGuardrailIssues(exceptApprovedElevations(issues, tenant.spec));
    res.json(
      await options.provisioner.updateQuota(tenant, body.quota, {
        force: body.force ?? false,
        actor,
      }),
    );
  };
}

/** `POST /tenants/:cluster/:name/repair`: put drifted objects back as specified; platform admins (elevate). */
export function repairTenant(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant, credentials, actor } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantUpdatePermission,
      ['user'],
    );
    // Repair replaces objects and forces fields other managers own, as reclaim does.
    await options.access.authorize(
      credentials,
      kubePlatformTenantElevatePermission,
      tenant,
    );
    res.json(await options.provisioner.repair(tenant, actor));
  };
}

/** `DELETE /tenants/:cluster/:name`: the namespace, its role identities, the record. */
export function deleteTenant(options: TenantsRouterOptions): Handler {
  return async (req, res) => {
    const { tenant, actor } = await authorizedTenant(
      options,
      req,
      kubePlatformTenantDeletePermission,
      ['user'],
    );
    res.json(await options.provisioner.delete(tenant, actor));
  };
}

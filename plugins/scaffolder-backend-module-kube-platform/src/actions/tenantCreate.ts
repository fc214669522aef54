import type { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  POD_SECURITY_STANDARDS,
  QUOTA_PRESETS,
  TENANT_ENVIRONMENTS,
  tenantEntityRef,
  type TenantProvisionResponse,
  type ValidTenantRequest,
} from '@kube-platform/plugin-kube-platform-common';
import type { ActionSchemaFields } from './actionSchemaFields';
import {
  type KubePlatformRequestDeps,
  kubePlatformRequest,
} from './kubePlatformRequest';
import { examples } from './tenantCreate.examples';
import { toTenantRequest } from './tenantCreateRequest';
import { followTenantProvisionStream } from './tenantProvisionStream';

/** Who owns the tenant, where it lives and how to reach its owners. */
const tenantIdentityInput = {
  name: z =>
    z
      .string()
      .describe(
        'Tenant name, a DNS-1123 label; the namespace is named after it',
      ),
  owner: z =>
    z
      .string()
      .describe('Owning group entity ref, such as group:default/team-alpha'),
  cluster: z =>
    z
      .string()
      .describe('Name of the registered cluster to create the tenant on'),
  environment: z =>
    z
      .enum(TENANT_ENVIRONMENTS)
      .describe('Environment; picks the default presets'),
  costCenter: z =>
    z.string().describe('Cost center, written as a label on the namespace'),
  contact: z =>
    z.string().describe('Contact for the tenant, such as an e-mail address'),
  description: z => z.string().optional().describe('What the tenant is for'),
  budget: z =>
    z
      .string()
      .optional()
      .describe(
        'Monthly budget of the namespace, such as 500 or 500 USD (the pricing currency); the owner is notified as the projected month approaches it',
      ),
} satisfies ActionSchemaFields;

/** Overrides merged over the environment's presets: quota, limits, networking, security. */
const tenantPolicyInput = {
  quotaPreset: z =>
    z
      .enum(QUOTA_PRESETS)
      .optional()
      .describe('Quota size; defaults to the environment preset'),
  quota: z =>
    z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe(
        'Custom ResourceQuota hard limits merged over the preset, such as { "requests.cpu": "2", pods: 20 }',
      ),
  limitRange: z =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        'LimitRange values (container, pod, pvc) merged over the preset',
      ),
  networking: z =>
    z
      .object({
        isolation: z.boolean().optional(),
        allowedNamespaces: z.array(z.string()).optional(),
        ingressControllerNamespace: z.string().optional(),
        allowDns: z.boolean().optional(),
        allowedEgressPorts: z.array(z.number()).optional(),
      })
      .optional()
      .describe('Network isolation settings merged over the preset'),
  security: z =>
    z
      .object({
        podSecurityStandard: z.enum(POD_SECURITY_STANDARDS).optional(),
        allowedRegistries: z.array(z.string()).optional(),
      })
      .optional()
      .describe('Pod Security Standard and allowed image registries'),
} satisfies ActionSchemaFields;

/** Who may administer, develop in or view the tenant besides the owner. */
const tenantMembersInput = {
  members: z =>
    z
      .object({
        admins: z.array(z.string()).optional(),
        developers: z.array(z.string()).optional(),
        viewers: z.array(z.string()).optional(),
      })
      .optional()
      .describe(
        'User refs that administer the namespace, group refs that develop in or view it',
      ),
} satisfies ActionSchemaFields;

/** Input of `kube-platform:tenant:create`: a tenant request as templates fill it in. */
const tenantCreateInput = {
  ...tenantIdentityInput,
  ...tenantPolicyInput,
  ...tenantMembersInput,
} satisfies ActionSchemaFields;

/** Output of `kube-platform:tenant:create`: what was provisioned and where to find it. */
const tenantCreateOutput = {
  name: z => z.string().describe('Tenant name'),
  cluster: z => z.string().describe('Cluster the tenant lives on'),
  namespace: z => z.string().describe('Namespace of the tenant'),
  result: z =>
    z
      .enum(['created', 'updated', 'unchanged', 'dry-run'])
      .describe('What happened: created, updated, unchanged, or dry-run'),
  operationId: z =>
    z
      .string()
      .describe('Id of the backend operation record (empty for a dry-run)'),
  entityRef: z =>
    z
      .string()
      .describe(
        'Ref of the tenant entity the catalog receives, resource:default/<cluster>-<name>',
      ),
} satisfies ActionSchemaFields;

function logProvisionStart(
  logger: LoggerService,
  request: ValidTenantRequest,
  dryRun: boolean,
) {
  logger.info(
    `${dryRun ? 'Dry-running' : 'Provisioning'} tenant ${request.name} on ${
      request.cluster
    }`,
    {
      tenant: request.name,
      cluster: request.cluster,
      owner: request.owner,
      dryRun,
    },
  );
}

function logProvisionResult(
  logger: LoggerService,
  result: TenantProvisionResponse,
) {
  logger.info(`Tenant ${result.name} on ${result.cluster}: ${result.result}`, {
    tenant: result.name,
    cluster: result.cluster,
    namespace: result.namespace,
    result: result.result,
    operationId: result.operationId,
  });
}

/**
 * `kube-platform:tenant:create`: provisions (or updates) a tenant through the
 * kube-platform backend on behalf of the task's initiator, logging each object as the
 * backend applies it.
 */
export function createTenantCreateAction(deps: KubePlatformRequestDeps) {
  return createTemplateAction({
    id: 'kube-platform:tenant:create',
    description:
      'Creates or updates a Kubernetes tenant (namespace, quota, limits, network policies, RBAC) on a registered cluster',
    examples,
    supportsDryRun: true,
    schema: { input: tenantCreateInput, output: tenantCreateOutput },
    async handler(ctx) {
      const request = toTenantRequest(ctx.input);
      const dryRun = ctx.isDryRun === true;
      logProvisionStart(ctx.logger, request, dryRun);
      const credentials = await ctx.getInitiatorCredentials();
      const response = await kubePlatformRequest(
        deps,
        credentials,
        `/tenants?stream=true${dryRun ? '&dryRun=true' : ''}`,
        { method: 'POST', body: request },
      );
      const result = await followTenantProvisionStream(
        response,
        request.name,
        ctx.logger,
      );
      logProvisionResult(ctx.logger, result);
      ctx.output('name', result.name);
      ctx.output('cluster', result.cluster);
      ctx.output('namespace', result.namespace);
      ctx.output('result', result.result);
      ctx.output('operationId', result.operationId);
      ctx.output('entityRef', tenantEntityRef(result));
    },
  });
}

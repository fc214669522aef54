import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { IsolationReport } from '@kube-platform/plugin-kube-platform-common';
import type { ActionSchemaFields } from './actionSchemaFields';
import {
  concludeIsolationReport,
  logIsolationChecks,
  plainIsolationChecks,
} from './isolationReport';
import {
  type KubePlatformRequestDeps,
  kubePlatformRequest,
} from './kubePlatformRequest';
import { examples } from './tenantVerify.examples';

/** Input of `kube-platform:tenant:verify`: which tenant, and whether a failure fails the step. */
const tenantVerifyInput = {
  cluster: z => z.string().describe('Cluster the tenant lives on'),
  name: z => z.string().describe('Tenant name'),
  allowFailure: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Succeed even when a check fails, leaving `passed` false (default false)',
      ),
} satisfies ActionSchemaFields;

/** Output of `kube-platform:tenant:verify`: the verdict and each check behind it. */
const tenantVerifyOutput = {
  passed: z => z.boolean().describe('Whether every isolation check passed'),
  checks: z =>
    z
      .array(
        z.object({
          id: z.string(),
          description: z.string(),
          passed: z.boolean(),
          evidence: z.string(),
        }),
      )
      .describe('Each isolation check with what was observed'),
} satisfies ActionSchemaFields;

/**
 * `kube-platform:tenant:verify`: runs the backend's isolation checks against a
 * tenant, logs each with its evidence, and fails the step when one does not pass.
 */
export function createTenantVerifyAction(deps: KubePlatformRequestDeps) {
  return createTemplateAction({
    id: 'kube-platform:tenant:verify',
    description:
      'Verifies the isolation of a tenant (quota, limits, network policies, RBAC, pod security) and reports each check',
    examples,
    supportsDryRun: true,
    schema: { input: tenantVerifyInput, output: tenantVerifyOutput },
    async handler(ctx) {
      const { cluster, name } = ctx.input;
      const tenant = { cluster, name };
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: skipping isolation verification of tenant ${name} on ${cluster}`,
          { tenant: name, cluster },
        );
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const response = await kubePlatformRequest(
        deps,
        credentials,
        `/tenants/${encodeURIComponent(cluster)}/${encodeURIComponent(
          name,
        )}/verify`,
        { method: 'POST' },
      );
      const report = (await response.json()) as IsolationReport;
      logIsolationChecks(ctx.logger, report, tenant);
      ctx.output('passed', report.passed);
      ctx.output('checks', plainIsolationChecks(report));
      concludeIsolationReport(
        ctx.logger,
        report,
        tenant,
        ctx.input.allowFailure === true,
      );
    },
  });
}

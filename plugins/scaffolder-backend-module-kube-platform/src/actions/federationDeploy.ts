import type { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type {
  FederatedApp,
  FederatedAppDeployResult,
} from '@kube-platform/plugin-kube-platform-common';
import type { ActionSchemaFields } from './actionSchemaFields';
import { examples } from './federationDeploy.examples';
import { componentEntityRef, toFederatedApp } from './federationDeployInput';
import {
  describePlan,
  fetchFederatedAppPlan,
  logFederatedAppPlan,
} from './federatedAppPlan';
import {
  type KubePlatformRequestDeps,
  kubePlatformRequest,
} from './kubePlatformRequest';
import { followProvisionStream } from './provisionStream';

/** The scaffolder's zod, as schema callbacks receive it. */
type ScaffolderZod = Parameters<ActionSchemaFields[string]>[0];

const envField = (z: ScaffolderZod) =>
  z
    .array(z.object({ name: z.string(), value: z.string().optional() }))
    .optional();

/** The app as the deploy template's form collects it (see `federatedAppFormSchema`). */
const federationFormInput = {
  name: z => z.string().optional().describe('App name, a DNS-1123 label'),
  namespace: z =>
    z
      .string()
      .optional()
      .describe('A tenant namespace of the owner on every target cluster'),
  owner: z =>
    z
      .string()
      .optional()
      .describe('Owning group ref, group:default/team-alpha'),
  component: z =>
    z.string().optional().describe('Catalog component the app belongs to'),
  image: z => z.string().optional().describe('Container image'),
  containerPort: z =>
    z.number().optional().describe('Port the container listens on'),
  containerPorts: z =>
    z.array(z.number()).optional().describe('More container ports'),
  resources: z =>
    z
      .object({
        requests: z
          .object({ cpu: z.string().optional(), memory: z.string().optional() })
          .optional(),
        limits: z
          .object({ cpu: z.string().optional(), memory: z.string().optional() })
          .optional(),
      })
      .optional()
      .describe('CPU and memory requests and limits of the container'),
  env: z => envField(z).describe('Environment variables of the container'),
  placementMode: z =>
    z
      .enum(['clusters', 'labels'])
      .optional()
      .describe('Place on the listed clusters or on those matching the labels'),
  clusters: z =>
    z
      .array(z.string())
      .optional()
      .describe('Clusters to run on (names or resource entity refs)'),
  clusterLabels: z =>
    z
      .record(z.string(), z.string())
      .optional()
      .describe('Run on every cluster with these labels'),
  totalReplicas: z =>
    z.number().optional().describe('Replicas across all clusters'),
  weights: z =>
    z
      .array(z.object({ cluster: z.string(), weight: z.number() }))
      .optional()
      .describe('Share of each cluster; clusters not listed weigh 1'),
  overrides: z =>
    z
      .array(
        z.object({
          cluster: z.string(),
          imageTag: z.string().optional(),
          replicas: z.number().optional(),
          env: envField(z),
        }),
      )
      .optional()
      .describe('Per cluster: another image tag, pinned replicas, env'),
  failover: z =>
    z
      .object({
        enabled: z.boolean().optional(),
        cooldown: z.string().optional(),
      })
      .optional()
      .describe(
        'Move replicas off NotReady clusters; fail back after cooldown',
      ),
} satisfies ActionSchemaFields;

/** Input of `kube-platform:federation:deploy`. */
const federationDeployInput = {
  ...federationFormInput,
  app: z =>
    z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A whole FederatedApp instead of the form fields'),
  allowPartial: z =>
    z
      .boolean()
      .optional()
      .describe('Deploy to the clusters that pass the quota pre-flight'),
} satisfies ActionSchemaFields;

/** Output of `kube-platform:federation:deploy`. */
const federationDeployOutput = {
  name: z => z.string().describe('App name'),
  namespace: z => z.string().describe('Namespace on every target cluster'),
  result: z =>
    z
      .enum(['created', 'updated', 'unchanged', 'dry-run'])
      .describe('What happened'),
  operationId: z => z.string().describe('Id of the backend operation record'),
  plan: z =>
    z.record(z.string(), z.number()).describe('Replicas per target cluster'),
  clusters: z => z.array(z.string()).describe('Target clusters, sorted'),
  planSummary: z =>
    z
      .string()
      .describe('Replicas per cluster as text: cluster-1: 2, cluster-2: 1'),
  entityRef: z =>
    z
      .string()
      .optional()
      .describe('Ref of the component the app belongs to, when given'),
} satisfies ActionSchemaFields;

function logDeployResult(logger: LoggerService, r: FederatedAppDeployResult) {
  for (const { cluster, reason } of r.skipped ?? []) {
    logger.warn(`Skipped ${cluster}: ${reason}`, { cluster });
  }
  logger.info(
    `Federated app ${r.namespace}/${r.name}: ${r.result} (${describePlan(
      r.plan.plan,
    )})`,
    { result: r.result, operationId: r.operationId, plan: r.plan.plan },
  );
}

function deployPath(dryRun: boolean, allowPartial: boolean): string {
  return `/federated-apps?stream=true${dryRun ? '&dryRun=true' : ''}${
    allowPartial ? '&allowPartial=true' : ''
  }`;
}

/**
 * `kube-platform:federation:deploy`: deploys (or updates) a federated app
 * through the kube-platform backend on behalf of the task's initiator. Logs the
 * plan first, then each cluster's objects as they are applied; a dry-run runs
 * the backend's pre-flight and applies nothing.
 */
export function createFederationDeployAction(deps: KubePlatformRequestDeps) {
  return createTemplateAction({
    id: 'kube-platform:federation:deploy',
    description:
      'Deploys one app to several registered clusters: placement, replicas per cluster by weight, per-cluster overrides, pre-flight',
    examples,
    supportsDryRun: true,
    schema: { input: federationDeployInput, output: federationDeployOutput },
    async handler(ctx) {
      const app: FederatedApp = toFederatedApp(ctx.input);
      const dryRun = ctx.isDryRun === true;
      const activity = `${
        dryRun ? 'Pre-flight of' : 'Deploying'
      } federated app ${app.namespace}/${app.name}`;
      ctx.logger.info(activity, { owner: app.owner, dryRun });
      const credentials = await ctx.getInitiatorCredentials();
      logFederatedAppPlan(
        ctx.logger,
        await fetchFederatedAppPlan(deps, credentials, app),
        app.replicaScheduling?.totalReplicas,
      );
      const response = await kubePlatformRequest(
        deps,
        credentials,
        deployPath(dryRun, ctx.input.allowPartial === true),
        { method: 'POST', body: app },
      );
      const result = await followProvisionStream<FederatedAppDeployResult>(
        response,
        {
          activity,
          logger: ctx.logger,
          prefixOf: object => (object.cluster ? `${object.cluster}: ` : ''),
        },
      );
      logDeployResult(ctx.logger, result);
      ctx.output('name', result.name);
      ctx.output('namespace', result.namespace);
      ctx.output('result', result.result);
      ctx.output('operationId', result.operationId);
      ctx.output('plan', result.plan.plan);
      ctx.output('clusters', Object.keys(result.plan.plan).sort());
      ctx.output('planSummary', describePlan(result.plan.plan));
      if (app.component) {
        ctx.output('entityRef', componentEntityRef(app.component));
      }
    },
  });
}

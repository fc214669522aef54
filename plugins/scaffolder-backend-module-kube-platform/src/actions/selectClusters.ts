import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { labelSelectorSchema } from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import { examples } from './selectClusters.examples';

/**
 * `kube-platform:cluster:select`: resolves a KubeFed-style label selector to the
 * registered clusters it places onto, so later steps can target them.
 */
export function createSelectClustersAction(deps: { clusterRegistry: ClusterRegistry }) {
  return createTemplateAction({
    id: 'kube-platform:cluster:select',
    description:
      'Selects registered clusters by labels (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        matchLabels: z =>
          z.record(z.string(), z.string()).optional().describe('Labels every selected cluster must carry'),
        matchExpressions: z =>
          z
            .array(
              z.object({
                key: z.string(),
                operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
                values: z.array(z.string()).optional(),
              }),
            )
            .optional()
            .describe('Set-based requirements, all of which must hold'),
        required: z =>
          z.boolean().optional().describe('Fail when no cluster matches (default true)'),
      },
      output: {
        clusters: z => z.array(z.string()).describe('Names of the selected clusters'),
        count: z => z.number().describe('How many clusters were selected'),
      },
    },
    async handler(ctx) {
      const parsed = labelSelectorSchema.safeParse({
        matchLabels: ctx.input.matchLabels,
        matchExpressions: ctx.input.matchExpressions,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(`Invalid selector at ${issue.path.join('.')}: ${issue.message}`);
      }
      const selected = deps.clusterRegistry.selectClusters(parsed.data);
      for (const cluster of selected) {
        ctx.logger.info(`Selected cluster ${cluster.name}`, { cluster: cluster.name });
      }
      if (selected.length === 0 && ctx.input.required !== false) {
        throw new InputError('No registered cluster matches the selector');
      }
      ctx.output('clusters', selected.map(c => c.name));
      ctx.output('count', selected.length);
    },
  });
}

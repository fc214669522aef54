import type { Config } from '@backstage/config';
import {
  type CostPricingConfig,
  costPricingConfigSchema,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * Reads a pricing block (`kubePlatform.cost.pricing` or
 * `kubePlatform.clusters[i].pricing`) with the cost model's schema. An invalid
 * block throws an error naming the exact key, e.g.
 * `kubePlatform.clusters[1].pricing.cpuCoreHour`; absent is `undefined`.
 */
export function readCostPricingConfig(
  config: Config,
  key: string,
  problem: (key: string, why: string) => Error,
): CostPricingConfig | undefined {
  const value = config.getOptional<unknown>('pricing');
  if (value === undefined) return undefined;
  const parsed = costPricingConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.map(p =>
    typeof p === 'number' ? `[${p}]` : `.${p}`,
  );
  const unknownKeys =
    issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  throw problem(
    `${key}.pricing${path.join('')}`,
    `${issue.message}${unknownKeys}`,
  );
}

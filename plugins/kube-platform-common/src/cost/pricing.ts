import { z } from 'zod';
import { labelSelectorSchema, matchesLabelSelector } from '../labelSelector';

/**
 * Prices of the reference's cost manager: $0.05 per CPU core-hour, $0.01 per
 * GiB-hour of memory, $0.001 per GiB-hour of storage (its "GB" is 1024³ bytes).
 */
export const DEFAULT_COST_PRICES = {
  cpuCoreHour: 0.05,
  memoryGiBHour: 0.01,
  storageGiBHour: 0.001,
  currency: 'USD',
} as const;

const price = z.number().finite().nonnegative();

/** ISO 4217 currency code, upper case (`USD`, `EUR`). */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

/** A multiplier on the CPU and memory prices of the nodes a selector matches. */
export const nodePriceFactorSchema = z
  .object({
    /** Nodes the factor applies to, by their labels. */
    selector: labelSelectorSchema,
    /** Multiplier, e.g. 0.3 for spot nodes at 30 % of the on-demand price. */
    factor: z.number().finite().positive(),
  })
  .strict();

/** One node price factor. */
export type NodePriceFactor = z.infer<typeof nodePriceFactorSchema>;

/**
 * Prices as written in configuration (`kubePlatform.cost.pricing` or
 * `kubePlatform.clusters[].pricing`): every key optional, absent keys inherit.
 */
export const costPricingConfigSchema = z
  .object({
    cpuCoreHour: price.optional(),
    memoryGiBHour: price.optional(),
    storageGiBHour: price.optional(),
    /** Storage price per GiB-hour by StorageClass name; other classes use `storageGiBHour`. */
    storageClasses: z.record(z.string().min(1), price).optional(),
    currency: currencyCodeSchema.optional(),
    nodePriceFactors: z.array(nodePriceFactorSchema).optional(),
  })
  .strict();

/** Prices as written in configuration. */
export type CostPricingConfig = z.infer<typeof costPricingConfigSchema>;

/** Complete prices of one cluster. */
export interface CostPricing {
  cpuCoreHour: number;
  memoryGiBHour: number;
  storageGiBHour: number;
  storageClasses: Record<string, number>;
  currency: string;
  nodePriceFactors: NodePriceFactor[];
}

/**
 * Prices of a cluster: the reference's defaults, overridden by
 * `kubePlatform.cost.pricing`, overridden by the cluster's `pricing`. Scalars and
 * the currency are replaced key by key; storage classes merge by class name; a
 * cluster's `nodePriceFactors` replaces the default list (node labels are
 * cluster-specific). Inputs are validated.
 *
 * @throws ZodError when an input is not valid pricing configuration.
 */
export function resolvePricing(
  defaults?: CostPricingConfig,
  clusterOverride?: CostPricingConfig,
): CostPricing {
  const base = costPricingConfigSchema.parse(defaults ?? {});
  const override = costPricingConfigSchema.parse(clusterOverride ?? {});
  return {
    cpuCoreHour:
      override.cpuCoreHour ??
      base.cpuCoreHour ??
      DEFAULT_COST_PRICES.cpuCoreHour,
    memoryGiBHour:
      override.memoryGiBHour ??
      base.memoryGiBHour ??
      DEFAULT_COST_PRICES.memoryGiBHour,
    storageGiBHour:
      override.storageGiBHour ??
      base.storageGiBHour ??
      DEFAULT_COST_PRICES.storageGiBHour,
    storageClasses: { ...base.storageClasses, ...override.storageClasses },
    currency:
      override.currency ?? base.currency ?? DEFAULT_COST_PRICES.currency,
    nodePriceFactors: override.nodePriceFactors ?? base.nodePriceFactors ?? [],
  };
}

/**
 * The factor on CPU and memory prices of a node with these labels: the first
 * entry of `nodePriceFactors` whose selector matches, else 1. A pod without a
 * node (not scheduled) gets 1. Storage is not priced by node.
 */
export function nodePriceFactor(
  pricing: CostPricing,
  nodeLabels: Record<string, string> | undefined,
): number {
  if (!nodeLabels) return 1;
  const match = pricing.nodePriceFactors.find(entry =>
    matchesLabelSelector(nodeLabels, entry.selector),
  );
  return match?.factor ?? 1;
}

/** Storage price per GiB-hour for a StorageClass (`storageGiBHour` for unknown or no class). */
export function storageClassPrice(
  pricing: CostPricing,
  storageClass: string | undefined,
): number {
  const known =
    storageClass !== undefined &&
    Object.prototype.hasOwnProperty.call(pricing.storageClasses, storageClass);
  return known ? pricing.storageClasses[storageClass] : pricing.storageGiBHour;
}

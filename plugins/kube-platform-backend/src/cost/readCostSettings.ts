import { type Config, readDurationFromConfig } from '@backstage/config';
import {
  type CostPricing,
  costPricingConfigSchema,
  DAY_MS,
  resolvePricing,
} from '@kube-platform/plugin-kube-platform-common';
import { readClusterConnections } from '@kube-platform/plugin-kube-platform-node';

/** How cost is sampled, priced and kept. */
export interface CostSettings {
  /** Width of a sample interval (the fixed grid), ms. */
  sampleFrequencyMs: number;
  /** Hourly rows older than this are deleted, ms. */
  hourlyRetentionMs: number;
  /** Daily rows older than this are deleted, ms. */
  dailyRetentionMs: number;
  /** Prices of a cluster: its configured override on top of the defaults. */
  pricingOf(cluster: string): CostPricing;
}

/** Default width of a sample interval: one minute. */
export const DEFAULT_COST_SAMPLE_FREQUENCY_MS = 60_000;

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
};

// A HumanDuration in ms; months and years have no fixed length, so they are refused.
function durationMs(duration: Record<string, number | undefined>): number {
  return Object.entries(duration).reduce((sum, [unit, value]) => {
    if (!(unit in UNIT_MS)) {
      throw new Error(`unit '${unit}' has no fixed length; use days`);
    }
    return sum + (value ?? 0) * UNIT_MS[unit];
  }, 0);
}

function readPositiveDuration(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) return fallbackMs;
  let ms: number;
  try {
    ms = durationMs(readDurationFromConfig(config, { key }) as any);
  } catch (error) {
    throw new Error(
      `Invalid Kube Platform configuration at '${key}': ${
        (error as Error).message
      }`,
    );
  }
  if (!Number.isFinite(ms) || ms < 1000) {
    throw new Error(
      `Invalid Kube Platform configuration at '${key}': must be at least one second`,
    );
  }
  return ms;
}

/**
 * Reads `kubePlatform.cost`: sample frequency (60 s), retention (hourly 14
 * days, daily 400 days) and prices. Prices are validated by the cluster
 * configuration reader, which names the key of a bad price.
 */
export function readCostSettings(config: Config): CostSettings {
  const overrides = new Map(
    readClusterConnections(config).map(c => [c.name, c.pricing]),
  );
  const defaults = costPricingConfigSchema.parse(
    config.getOptional('kubePlatform.cost.pricing') ?? {},
  );
  const resolved = new Map<string, CostPricing>();
  const hourlyRetentionMs = readPositiveDuration(
    config,
    'kubePlatform.cost.retention.hourly',
    14 * DAY_MS,
  );
  const dailyRetentionMs = readPositiveDuration(
    config,
    'kubePlatform.cost.retention.daily',
    400 * DAY_MS,
  );
  if (dailyRetentionMs < hourlyRetentionMs) {
    throw new Error(
      `Invalid Kube Platform configuration at 'kubePlatform.cost.retention.daily': must not be shorter than retention.hourly`,
    );
  }
  return {
    sampleFrequencyMs: readPositiveDuration(
      config,
      'kubePlatform.cost.sampleFrequency',
      DEFAULT_COST_SAMPLE_FREQUENCY_MS,
    ),
    hourlyRetentionMs,
    dailyRetentionMs,
    pricingOf(cluster) {
      // Clusters from suppliers have no override: the defaults apply.
      let pricing = resolved.get(cluster);
      if (!pricing) {
        pricing = resolvePricing(defaults, overrides.get(cluster));
        resolved.set(cluster, pricing);
      }
      return pricing;
    },
  };
}

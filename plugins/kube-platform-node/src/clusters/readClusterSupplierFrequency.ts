import { type Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_CLUSTER_SUPPLIER_FREQUENCY_MS } from './ClusterSupplierService';

const KEY = 'kubePlatform.clusterSuppliers.frequency';

/** `kubePlatform.clusterSuppliers.frequency` in ms; one minute when absent. */
export function readClusterSupplierFrequencyMs(config: Config): number {
  if (!config.has(KEY)) return DEFAULT_CLUSTER_SUPPLIER_FREQUENCY_MS;
  const ms = durationToMilliseconds(
    readDurationFromConfig(config, { key: KEY }),
  );
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new Error(
      `Invalid Kube Platform configuration at '${KEY}': must be a positive duration`,
    );
  }
  return ms;
}

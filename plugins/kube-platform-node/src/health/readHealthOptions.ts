import { type Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_HEALTH_MONITOR_OPTIONS,
  type HealthMonitorOptions,
} from './ClusterHealthMonitor';

/** Health probe settings from `kubePlatform.health`, with KubeFed's defaults. */
export interface HealthSettings extends HealthMonitorOptions {
  /** Time between probe rounds, in milliseconds. */
  frequencyMs: number;
}

function durationMs(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) return fallbackMs;
  const value = config.getOptional(key);
  if (typeof value === 'string') {
    // ISO 8601 durations such as PT10S.
    const match = /^PT(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value);
    if (!match) {
      throw new Error(`Invalid Kube Platform configuration at 'kubePlatform.health.${key}': '${value}' is not an ISO 8601 duration like PT10S`);
    }
    return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 1000;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function positiveInt(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid Kube Platform configuration at 'kubePlatform.health.${key}': must be a positive integer`);
  }
  return value;
}

/** Reads `kubePlatform.health`. */
export function readHealthSettings(root: Config): HealthSettings {
  const config = root.getOptionalConfig('kubePlatform.health');
  const defaults = DEFAULT_HEALTH_MONITOR_OPTIONS;
  if (!config) {
    return { ...defaults, frequencyMs: 10_000 };
  }
  return {
    frequencyMs: durationMs(config, 'frequency', 10_000),
    timeoutMs: durationMs(config, 'timeout', defaults.timeoutMs),
    failureThreshold: positiveInt(config, 'failureThreshold', defaults.failureThreshold),
    successThreshold: positiveInt(config, 'successThreshold', defaults.successThreshold),
    maxConcurrentProbes: positiveInt(config, 'maxConcurrentProbes', defaults.maxConcurrentProbes),
    historyLength: defaults.historyLength,
  };
}

import { type Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import type {
  CostPricingConfig,
  OvercommitLimits,
} from '@kube-platform/plugin-kube-platform-common';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readCostPricingConfig } from './clusterConfigPricing';

/** How the backend reaches one registered cluster. Holds credentials: never serialize it. */
export interface ClusterConnection {
  name: string;
  title?: string;
  url: string;
  caData?: string;
  skipTLSVerify: boolean;
  token: string;
  labels: Record<string, string>;
  owner?: string;
  host: boolean;
  /** How far tenant quota may promise beyond allocatable capacity; absent = no limit. */
  maxOvercommit?: OvercommitLimits;
  /** Deadline of each request to the cluster, in ms; {@link DEFAULT_REQUEST_TIMEOUT_MS} when absent. */
  requestTimeoutMs?: number;
  /** Prices of this cluster as configured (`pricing`), validated; absent keys inherit `kubePlatform.cost.pricing`. */
  pricing?: CostPricingConfig;
}

/** Deadline of a request to a cluster when `kubePlatform.requestTimeout` is not set. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function configError(key: string, problem: string): Error {
  return new Error(
    `Invalid Kube Platform configuration at '${key}': ${problem}`,
  );
}

function readCaData(cluster: Config, key: string): string | undefined {
  const caData = cluster.getOptionalString('caData');
  const caFile = cluster.getOptionalString('caFile');
  if (caData && caFile) {
    throw configError(key, 'set only one of caData and caFile');
  }
  let pem: string | undefined;
  let source = `${key}.caData`;
  if (caData) {
    pem = Buffer.from(caData, 'base64').toString('utf8');
  } else if (caFile) {
    source = `${key}.caFile`;
    try {
      pem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw configError(
        source,
        `cannot read ${caFile}: ${(error as Error).message}`,
      );
    }
  }
  if (pem === undefined) {
    return undefined;
  }
  let certificate: X509Certificate;
  try {
    // Parsing now turns a bad CA into a start-up error instead of TLS failures later.
    certificate = new X509Certificate(pem);
  } catch {
    throw configError(source, 'is not a PEM-encoded X.509 certificate');
  }
  if (new Date(certificate.validTo).getTime() < Date.now()) {
    throw configError(source, `certificate expired on ${certificate.validTo}`);
  }
  return Buffer.from(pem, 'utf8').toString('base64');
}

function readMaxOvercommit(
  cluster: Config,
  key: string,
): OvercommitLimits | undefined {
  const value = cluster.getOptional<unknown>('maxOvercommit');
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError(
      `${key}.maxOvercommit`,
      'must be an object with cpu and/or memory',
    );
  }
  const limits: OvercommitLimits = {};
  for (const [resource, ratio] of Object.entries(value)) {
    if (resource !== 'cpu' && resource !== 'memory') {
      throw configError(
        `${key}.maxOvercommit.${resource}`,
        'unknown resource; use cpu or memory',
      );
    }
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio <= 0) {
      throw configError(
        `${key}.maxOvercommit.${resource}`,
        `must be a positive number (a ratio to allocatable capacity, such as 1.5), got ${JSON.stringify(
          ratio,
        )}`,
      );
    }
    limits[resource] = ratio;
  }
  return limits;
}

/** A positive duration at `config`'s `requestTimeout` (HumanDuration, '5s' or ISO 8601), in ms. */
function readRequestTimeoutMs(
  config: Config,
  key: string,
  fallbackMs: number,
): number {
  if (!config.has('requestTimeout')) return fallbackMs;
  let ms: number;
  try {
    ms = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'requestTimeout' }),
    );
  } catch (error) {
    throw configError(`${key}.requestTimeout`, (error as Error).message);
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw configError(
      `${key}.requestTimeout`,
      'must be a positive duration, such as { seconds: 10 } or 10s',
    );
  }
  return ms;
}

function readUrl(cluster: Config, key: string, allowInsecure: boolean): string {
  const url = cluster.getOptionalString('url');
  if (!url) {
    throw configError(`${key}.url`, 'is required');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError(`${key}.url`, `'${url}' is not a URL`);
  }
  if (parsed.protocol === 'http:' && !allowInsecure) {
    // Plain HTTP would send the service-account token in the clear.
    throw configError(
      `${key}.url`,
      `'${url}' must be https:// (set kubePlatform.allowInsecureClusterUrls: true to allow http:// for local development)`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw configError(`${key}.url`, 'must be an https:// URL');
  }
  return url.replace(/\/+$/, '');
}

function withPricing(pricing: CostPricingConfig | undefined) {
  return pricing ? { pricing } : {};
}

/**
 * Reads and validates `kubePlatform.clusters`. Throws an error naming the offending
 * key, so a bad configuration stops start-up with a message an operator can act on.
 */
export function readClusterConnections(config: Config): ClusterConnection[] {
  const entries = config.getOptionalConfigArray('kubePlatform.clusters') ?? [];
  const allowInsecure =
    config.getOptionalBoolean('kubePlatform.allowInsecureClusterUrls') ?? false;
  const platform = config.getOptionalConfig('kubePlatform');
  const defaultTimeoutMs = platform
    ? readRequestTimeoutMs(platform, 'kubePlatform', DEFAULT_REQUEST_TIMEOUT_MS)
    : DEFAULT_REQUEST_TIMEOUT_MS;
  const cost = config.getOptionalConfig('kubePlatform.cost');
  // Validated here so that bad prices stop start-up, like any other bad key.
  if (cost) readCostPricingConfig(cost, 'kubePlatform.cost', configError);
  const seen = new Map<string, string>();
  return entries.map((cluster, index) => {
    const key = `kubePlatform.clusters[${index}]`;
    const name = cluster.getOptionalString('name');
    if (!name) {
      throw configError(`${key}.name`, 'is required');
    }
    if (!DNS_1123_LABEL.test(name)) {
      throw configError(`${key}.name`, `'${name}' is not a DNS-1123 label`);
    }
    const previous = seen.get(name);
    if (previous) {
      throw configError(
        `${key}.name`,
        `duplicate cluster name '${name}' (also at ${previous})`,
      );
    }
    seen.set(name, key);

    const url = readUrl(cluster, key, allowInsecure);

    const provider =
      cluster.getOptionalString('auth.provider') ?? 'serviceAccount';
    if (provider !== 'serviceAccount') {
      throw configError(
        `${key}.auth.provider`,
        `unsupported provider '${provider}'`,
      );
    }
    const token = cluster.getOptionalString('auth.token');
    if (!token) {
      throw configError(`${key}.auth.token`, 'is required');
    }

    const labels = cluster.getOptional<Record<string, unknown>>('labels') ?? {};
    for (const [labelKey, value] of Object.entries(labels)) {
      if (typeof value !== 'string') {
        throw configError(`${key}.labels.${labelKey}`, 'must be a string');
      }
    }

    return {
      name,
      title: cluster.getOptionalString('title'),
      url,
      caData: readCaData(cluster, key),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      token,
      labels: labels as Record<string, string>,
      owner: cluster.getOptionalString('owner'),
      host: cluster.getOptionalBoolean('host') ?? false,
      maxOvercommit: readMaxOvercommit(cluster, key),
      requestTimeoutMs: readRequestTimeoutMs(cluster, key, defaultTimeoutMs),
      ...withPricing(readCostPricingConfig(cluster, key, configError)),
    };
  });
}

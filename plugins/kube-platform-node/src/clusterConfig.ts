import type { Config } from '@backstage/config';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function configError(key: string, problem: string): Error {
  return new Error(`Invalid Kube Platform configuration at '${key}': ${problem}`);
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
      throw configError(source, `cannot read ${caFile}: ${(error as Error).message}`);
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

/**
 * Reads and validates `kubePlatform.clusters`. Throws an error naming the offending
 * key, so a bad configuration stops start-up with a message an operator can act on.
 */
export function readClusterConnections(config: Config): ClusterConnection[] {
  const entries = config.getOptionalConfigArray('kubePlatform.clusters') ?? [];
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
      throw configError(`${key}.name`, `duplicate cluster name '${name}' (also at ${previous})`);
    }
    seen.set(name, key);

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
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw configError(`${key}.url`, 'must be an http(s) URL');
    }

    const provider = cluster.getOptionalString('auth.provider') ?? 'serviceAccount';
    if (provider !== 'serviceAccount') {
      throw configError(`${key}.auth.provider`, `unsupported provider '${provider}'`);
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
      url: url.replace(/\/+$/, ''),
      caData: readCaData(cluster, key),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      token,
      labels: labels as Record<string, string>,
      owner: cluster.getOptionalString('owner'),
      host: cluster.getOptionalBoolean('host') ?? false,
    };
  });
}

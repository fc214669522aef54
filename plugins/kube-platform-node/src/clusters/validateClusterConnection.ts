import { type Config, ConfigReader } from '@backstage/config';
import {
  type ClusterConnection,
  readClusterConnections,
} from '../clusterConfig';

/** Checks a connection from a supplier and returns it normalised; throws an error naming it. */
export type ClusterConnectionValidator = (
  connection: ClusterConnection,
  source: string,
) => ClusterConnection;

const CONFIG_KEY_PREFIX =
  /^Invalid Kube Platform configuration at 'kubePlatform\.clusters\[0\]\.?/;

/** The connection as a `kubePlatform.clusters[]` entry, so config's validation applies unchanged. */
function toConfigEntry(connection: ClusterConnection): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    name: connection.name,
    title: connection.title,
    url: connection.url,
    caData: connection.caData,
    skipTLSVerify: connection.skipTLSVerify,
    auth: { provider: 'serviceAccount', token: connection.token },
    labels: connection.labels,
    owner: connection.owner,
    host: connection.host,
    maxOvercommit: connection.maxOvercommit,
    requestTimeout:
      connection.requestTimeoutMs === undefined
        ? undefined
        : { milliseconds: connection.requestTimeoutMs },
  };
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== undefined),
  );
}

/**
 * Validates supplied connections exactly as `kubePlatform.clusters` entries are
 * validated (DNS-1123 name, https:// URL unless insecure URLs are allowed,
 * parseable unexpired CA, token, labels, overcommit, timeout), with the
 * platform-wide settings of `config`. A missing request timeout becomes the
 * configured default.
 */
export function createClusterConnectionValidator(
  config?: Config,
): ClusterConnectionValidator {
  const settings = {
    allowInsecureClusterUrls: config?.getOptionalBoolean(
      'kubePlatform.allowInsecureClusterUrls',
    ),
    requestTimeout: config?.getOptional('kubePlatform.requestTimeout'),
  };
  return (connection, source) => {
    const kubePlatform = { ...settings, clusters: [toConfigEntry(connection)] };
    try {
      const [valid] = readClusterConnections(
        new ConfigReader(JSON.parse(JSON.stringify({ kubePlatform }))),
      );
      return valid;
    } catch (error) {
      const problem = (error as Error).message.replace(CONFIG_KEY_PREFIX, "'");
      throw new Error(
        `Cluster '${connection.name}' from supplier '${source}' refused: ${problem}`,
      );
    }
  };
}

import type { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  type ClusterSummary,
  type LabelSelector,
  matchesLabelSelector,
  type OvercommitLimits,
} from '@kube-platform/plugin-kube-platform-common';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  type ClusterConnection,
  DEFAULT_REQUEST_TIMEOUT_MS,
  readClusterConnections,
} from './clusterConfig';
import { BoundedKubeConfig } from './timeouts/BoundedKubeConfig';

/** A registered cluster as the registry hands it out: no credentials. */
export interface RegisteredCluster extends ClusterSummary {
  /** How far tenant quota may promise beyond allocatable capacity; absent = no limit. */
  maxOvercommit?: OvercommitLimits;
}

/** The registered clusters and a Kubernetes client configuration for each. */
export interface ClusterRegistry {
  /** Every registered cluster, in configuration order. */
  listClusters(): RegisteredCluster[];
  /** One cluster; throws `NotFoundError` for an unknown name. */
  getCluster(name: string): RegisteredCluster;
  /** Clusters whose labels satisfy the selector (KubeFed placement semantics). */
  selectClusters(selector: LabelSelector): RegisteredCluster[];
  /**
   * A `KubeConfig` for `@kubernetes/client-node`, authenticated as the platform.
   * Every request of the API clients made from it is aborted at the cluster's
   * request timeout with a `ClusterTimeoutError`; watches opt out with
   * `withoutRequestTimeout(kubeConfig)`.
   */
  getKubeConfig(name: string): KubeConfig;
}

function toSummary(connection: ClusterConnection): RegisteredCluster {
  return {
    name: connection.name,
    title: connection.title,
    url: connection.url,
    labels: { ...connection.labels },
    owner: connection.owner,
    host: connection.host,
    maxOvercommit: connection.maxOvercommit && { ...connection.maxOvercommit },
  };
}

function toKubeConfig(connection: ClusterConnection): KubeConfig {
  const kubeConfig = new BoundedKubeConfig(
    connection.name,
    connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  );
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: connection.name,
        server: connection.url,
        caData: connection.caData,
        skipTLSVerify: connection.skipTLSVerify,
      },
    ],
    users: [{ name: 'kube-platform', token: connection.token }],
    contexts: [
      { name: connection.name, cluster: connection.name, user: 'kube-platform' },
    ],
    currentContext: connection.name,
  });
  return kubeConfig;
}

/** Builds the cluster registry from validated connections. */
export function createClusterRegistry(
  connections: ClusterConnection[],
): ClusterRegistry {
  const byName = new Map(connections.map(c => [c.name, c]));
  const kubeConfigs = new Map<string, KubeConfig>();

  function connection(name: string): ClusterConnection {
    const found = byName.get(name);
    if (!found) {
      throw new NotFoundError(`No registered cluster named '${name}'`);
    }
    return found;
  }

  return {
    listClusters: () => connections.map(toSummary),
    getCluster: name => toSummary(connection(name)),
    selectClusters: selector =>
      connections
        .filter(c => matchesLabelSelector(c.labels, selector))
        .map(toSummary),
    getKubeConfig(name) {
      let kubeConfig = kubeConfigs.get(name);
      if (!kubeConfig) {
        kubeConfig = toKubeConfig(connection(name));
        kubeConfigs.set(name, kubeConfig);
      }
      return kubeConfig;
    },
  };
}

/** Reads `kubePlatform.clusters` and builds the registry; throws on bad configuration. */
export function createClusterRegistryFromConfig(config: Config): ClusterRegistry {
  return createClusterRegistry(readClusterConnections(config));
}

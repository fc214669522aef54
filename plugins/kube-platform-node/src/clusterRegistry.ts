import type { Config } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
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
import {
  type ClusterConnectionDiff,
  diffClusterConnections,
} from './clusters/diffClusterConnections';
import {
  type ClusterConnectionValidator,
  createClusterConnectionValidator,
} from './clusters/validateClusterConnection';
import { BoundedKubeConfig } from './timeouts/BoundedKubeConfig';

/** The source of the clusters of `kubePlatform.clusters`, always registered first. */
export const CONFIG_CLUSTER_SOURCE = 'config';

/** Clusters that joined or left the registry; a changed cluster is in both lists. */
export interface ClusterRegistryChange {
  added: RegisteredCluster[];
  removed: string[];
}

/** The outcome of {@link ClusterRegistry.replaceClusters}. */
export interface ClusterReplaceResult extends ClusterConnectionDiff {
  /** One error per refused connection, naming it; a refused cluster keeps its previous connection. */
  refused: Error[];
}

/** A registered cluster as the registry hands it out: no credentials. */
export interface RegisteredCluster extends ClusterSummary {
  /** How far tenant quota may promise beyond allocatable capacity; absent = no limit. */
  maxOvercommit?: OvercommitLimits;
}

/** The registered clusters and a Kubernetes client configuration for each. */
export interface ClusterRegistry {
  /** Every registered cluster: configured ones in configuration order, then each supplier's. */
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
  /** Whether a cluster of that name is registered now. */
  hasCluster(name: string): boolean;
  /**
   * Makes `connections` the clusters of `source` (a supplier id): validates each
   * as configuration is validated, adds new names, drops names no longer
   * supplied and replaces changed connections. A connection that is invalid or
   * whose name another source holds is refused; the others are applied.
   */
  replaceClusters(
    source: string,
    connections: ClusterConnection[],
  ): ClusterReplaceResult;
  /** Calls `listener` after every change of the registered clusters; returns an unsubscribe function. */
  onChange(listener: (change: ClusterRegistryChange) => void): () => void;
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
      {
        name: connection.name,
        cluster: connection.name,
        user: 'kube-platform',
      },
    ],
    currentContext: connection.name,
  });
  return kubeConfig;
}

/** Options of {@link createClusterRegistry}. */
export interface ClusterRegistryOptions {
  /** Checks supplied connections; by default as configuration without insecure URLs. */
  validate?: ClusterConnectionValidator;
}

type ConnectionsByName = Map<string, ClusterConnection>;

/** Connections per supplier; the config supplier first. */
class MutableClusterRegistry implements ClusterRegistry {
  // Insertion order of sources, then of names, is the order clusters are listed in.
  private readonly sources: Map<string, ConnectionsByName>;
  private readonly kubeConfigs = new Map<string, KubeConfig>();
  private readonly listeners = new Set<
    (change: ClusterRegistryChange) => void
  >();

  constructor(
    connections: ClusterConnection[],
    private readonly validate: NonNullable<ClusterRegistryOptions['validate']>,
  ) {
    this.sources = new Map([
      [CONFIG_CLUSTER_SOURCE, new Map(connections.map(c => [c.name, c]))],
    ]);
  }

  private all() {
    return [...this.sources.values()].flatMap(byName => [...byName.values()]);
  }

  private find(name: string) {
    return [...this.sources.values()]
      .find(byName => byName.has(name))
      ?.get(name);
  }

  private ownerOf(name: string) {
    return [...this.sources].find(([, byName]) => byName.has(name))?.[0];
  }

  private connection(name: string): ClusterConnection {
    const found = this.find(name);
    if (!found) {
      throw new NotFoundError(`No registered cluster named '${name}'`);
    }
    return found;
  }

  /** A supplied connection, validated; its name must not belong to another supplier. */
  private validated(
    candidate: ClusterConnection,
    source: string,
    next: ConnectionsByName,
  ) {
    const valid = this.validate(candidate, source);
    const owner = this.ownerOf(valid.name);
    if (next.has(valid.name) || (owner && owner !== source)) {
      throw new ConflictError(
        `Cluster '${
          valid.name
        }' from supplier '${source}' refused: the name is taken by '${
          owner ?? source
        }'`,
      );
    }
    return valid;
  }

  /** The next connections of `source`: valid ones, and the previous one of each refused name. */
  private accept(
    source: string,
    supplied: ClusterConnection[],
    refused: Error[],
  ) {
    const current = this.sources.get(source) ?? new Map();
    const next: ConnectionsByName = new Map();
    for (const candidate of supplied) {
      try {
        const valid = this.validated(candidate, source, next);
        next.set(valid.name, valid);
      } catch (error) {
        refused.push(error as Error);
        const previous = current.get(candidate.name);
        if (previous && !next.has(candidate.name))
          next.set(candidate.name, previous);
      }
    }
    return { current, next };
  }

  private emit(diff: ClusterConnectionDiff) {
    const added = [...diff.added, ...diff.changed];
    const removed = [...diff.removed, ...diff.changed];
    if (added.length === 0 && removed.length === 0) return;
    const change = {
      added: added.map(name => toSummary(this.connection(name))),
      removed,
    };
    for (const listener of this.listeners) listener(change);
  }

  listClusters() {
    return this.all().map(toSummary);
  }

  getCluster(name: string) {
    return toSummary(this.connection(name));
  }

  selectClusters(selector: Parameters<ClusterRegistry['selectClusters']>[0]) {
    return this.all()
      .filter(c => matchesLabelSelector(c.labels, selector))
      .map(toSummary);
  }

  getKubeConfig(name: string) {
    let kubeConfig = this.kubeConfigs.get(name);
    if (!kubeConfig) {
      kubeConfig = toKubeConfig(this.connection(name));
      this.kubeConfigs.set(name, kubeConfig);
    }
    return kubeConfig;
  }

  hasCluster(name: string) {
    return this.find(name) !== undefined;
  }

  replaceClusters(source: string, supplied: ClusterConnection[]) {
    const refused: Error[] = [];
    const { current, next } = this.accept(source, supplied, refused);
    const diff = diffClusterConnections(current, next);
    this.sources.set(source, next);
    for (const name of [...diff.removed, ...diff.changed])
      this.kubeConfigs.delete(name);
    this.emit(diff);
    return { ...diff, refused };
  }

  onChange(listener: (change: ClusterRegistryChange) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/**
 * Builds the cluster registry. `connections` (already validated) are the
 * clusters of the `config` source; suppliers add theirs with `replaceClusters`.
 */
export function createClusterRegistry(
  connections: ClusterConnection[],
  options: ClusterRegistryOptions = {},
): ClusterRegistry {
  return new MutableClusterRegistry(
    connections,
    options.validate ?? createClusterConnectionValidator(),
  );
}

/** Reads `kubePlatform.clusters` and builds the registry; throws on bad configuration. */
export function createClusterRegistryFromConfig(
  config: Config,
): ClusterRegistry {
  return createClusterRegistry(readClusterConnections(config), {
    validate: createClusterConnectionValidator(config),
  });
}

import {
  type ApiConstructor,
  type ApiType,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  type RequestContext,
  ServerConfiguration,
} from '@kubernetes/client-node';
import https from 'node:https';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../clusterConfig';
import { ApiDiscoveryCache } from '../engine/ApiDiscoveryCache';
import { DiscoveryCachedObjectApi } from '../engine/DiscoveryCachedObjectApi';
import { createTimeoutHttpLibrary } from './createTimeoutHttpLibrary';
import { TlsConnectionPool } from './TlsConnectionPool';

/** What every identity on one cluster connection shares. */
export interface ClusterConnectionShared {
  /** Keep-alive connections, per TLS identity. */
  connections: TlsConnectionPool;
  /** The API resources of each group version, for `KubernetesObjectApi`. */
  discovery: ApiDiscoveryCache;
}

/**
 * A `KubeConfig` whose every request is bounded: API clients made from it
 * (`makeApiClient`, `KubernetesObjectApi.makeApiClient`) send through
 * {@link createTimeoutHttpLibrary}, and helpers that fetch by themselves
 * (`Health`, `Metrics`) get a timeout signal from `applyToFetchOptions`.
 * Long-lived streams must not use it: see {@link withoutRequestTimeout}.
 */
export class BoundedKubeConfig extends KubeConfig {
  constructor(
    /** Registered name of the cluster, for error messages. */
    readonly clusterName: string,
    /** Deadline of each request, in milliseconds. */
    readonly requestTimeoutMs: number,
    /** Given by {@link kubeConfigAs}: another identity on the same cluster shares them. */
    readonly shared: ClusterConnectionShared = {
      connections: new TlsConnectionPool(),
      discovery: new ApiDiscoveryCache(),
    },
    /** Called when the API server refuses these credentials (401), e.g. to drop a cached token. */
    private readonly onUnauthorized?: () => void,
  ) {
    super();
  }

  override makeApiClient<T extends ApiType>(ApiClient: ApiConstructor<T>): T {
    const cluster = this.getCurrentCluster();
    if (!cluster) {
      throw new Error(
        `No current cluster in the KubeConfig of '${this.clusterName}'`,
      );
    }
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: this },
      httpApi: createTimeoutHttpLibrary({
        cluster: this.clusterName,
        timeoutMs: this.requestTimeoutMs,
        onUnauthorized: this.onUnauthorized,
      }),
    });
    if ((ApiClient as unknown) === KubernetesObjectApi) {
      // Resource discovery is the same for every identity: asked once per cluster.
      return new DiscoveryCachedObjectApi(
        configuration,
        this.shared.discovery,
      ) as unknown as T;
    }
    return new ApiClient(configuration);
  }

  /** client-node's request authentication, over the cluster's pooled connections. */
  override async applySecurityAuthentication(context: RequestContext) {
    await super.applySecurityAuthentication(context);
    const agent = context.getAgent();
    // A proxy's agent stays as client-node made it.
    if (agent instanceof https.Agent && !this.getCurrentCluster()?.proxyUrl) {
      context.setAgent(this.shared.connections.agentFor(agent));
    }
  }

  override async applyToFetchOptions(opts: https.RequestOptions) {
    const init = await super.applyToFetchOptions(opts);
    const deadline = AbortSignal.timeout(this.requestTimeoutMs);
    // client-node's Watch replaces this signal with its own; streams should still opt out.
    return {
      ...init,
      signal: opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline,
    };
  }
}

/**
 * The same cluster and credentials without the request timeout, for long-lived
 * streams only (`new Watch(withoutRequestTimeout(kubeConfig))`): a watch lives
 * for minutes and must not be cut at the request deadline. Lists and every other
 * call keep using the bounded `KubeConfig`. Any other `KubeConfig` is returned as is.
 */
export function withoutRequestTimeout(kubeConfig: KubeConfig): KubeConfig {
  if (!(kubeConfig instanceof BoundedKubeConfig)) {
    return kubeConfig;
  }
  const plain = new KubeConfig();
  plain.loadFromOptions({
    clusters: kubeConfig.getClusters(),
    users: kubeConfig.getUsers(),
    contexts: kubeConfig.getContexts(),
    currentContext: kubeConfig.getCurrentContext(),
  });
  return plain;
}

/**
 * A `KubeConfig` for another identity (a tenant role's token) on the cluster of
 * `kubeConfig`, bounded by the same request timeout: for checks the platform runs
 * as someone else, which must not escape the deadline. It shares the cluster's
 * connections and API discovery with `kubeConfig`; `onUnauthorized` hears of
 * every 401 its clients get.
 */
export function kubeConfigAs(
  kubeConfig: KubeConfig,
  user: { name: string; token: string },
  options: { onUnauthorized?: () => void } = {},
): BoundedKubeConfig {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('The KubeConfig names no current cluster');
  }
  const bounded =
    kubeConfig instanceof BoundedKubeConfig
      ? new BoundedKubeConfig(
          kubeConfig.clusterName,
          kubeConfig.requestTimeoutMs,
          kubeConfig.shared,
          options.onUnauthorized,
        )
      : new BoundedKubeConfig(
          cluster.name,
          DEFAULT_REQUEST_TIMEOUT_MS,
          undefined,
          options.onUnauthorized,
        );
  bounded.loadFromOptions({
    clusters: [cluster],
    users: [user],
    contexts: [{ name: user.name, cluster: cluster.name, user: user.name }],
    currentContext: user.name,
  });
  return bounded;
}

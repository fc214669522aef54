/** One of the three local clusters, as `scripts/clusters up` starts them. */
export interface LocalClusterSpec {
  /** Cluster name, also the kubeconfig context and node name prefix. */
  name: string;
  /** Human readable title used in app-config.local.yaml. */
  title: string;
  /** Offset of the apiserver port from the base port. */
  portOffset: number;
  /** Labels of the cluster (also set on its simulated nodes). */
  labels: Record<string, string>;
}

/** The three clusters, in the same order and with the same labels as `scripts/clusters`. */
export const LOCAL_CLUSTER_SPECS: readonly LocalClusterSpec[] = [
  {
    name: 'cluster-1',
    title: 'Cluster 1 (us-west, production)',
    portOffset: 0,
    labels: { region: 'us-west', environment: 'production' },
  },
  {
    name: 'cluster-2',
    title: 'Cluster 2 (us-east, production)',
    portOffset: 1,
    labels: { region: 'us-east', environment: 'production' },
  },
  {
    name: 'cluster-3',
    title: 'Cluster 3 (eu-west, staging)',
    portOffset: 2,
    labels: { region: 'eu-west', environment: 'staging' },
  },
];

/** A static-token user accepted by every local cluster (no permissions until bound). */
export interface DemoUser {
  /** Kubernetes user name. */
  name: string;
  /** Bearer token. */
  token: string;
  /** Groups the apiserver reports for the user. */
  groups: readonly string[];
}

/** Demo tenant users; must match TENANT_TOKENS in `scripts/clusters`. */
export const DEMO_USERS = {
  alice: { name: 'alice', token: 'alice-token', groups: ['platform-team'] },
  bob: { name: 'bob', token: 'bob-token', groups: ['team-alpha'] },
  carol: { name: 'carol', token: 'carol-token', groups: ['team-alpha'] },
  dave: { name: 'dave', token: 'dave-token', groups: ['team-beta'] },
} as const satisfies Record<string, DemoUser>;

/** The `--tokens` flag value for localcluster built from {@link DEMO_USERS}. */
export const DEMO_TOKENS_FLAG = Object.values(DEMO_USERS)
  .map(u => `${u.name}:${u.token}:${u.groups.join('|')}`)
  .join(',');

/**
 * Env var listing clusters (comma-separated names, e.g. `cluster-3`) to start
 * with `--metrics=false`: they serve no `metrics.k8s.io`, as a cluster without
 * metrics-server. Read by `scripts/clusters up` and the harness; unset, every
 * cluster serves metrics.
 */
export const METRICS_OFF_ENV = 'KUBE_PLATFORM_CLUSTERS_METRICS_OFF';

/** Cluster names listed in {@link METRICS_OFF_ENV}; throws on a name that is not a local cluster. */
export function metricsOffClusters(
  value = process.env[METRICS_OFF_ENV],
): string[] {
  const names = (value ?? '')
    .split(',')
    .map(n => n.trim())
    .filter(Boolean);
  const unknown = names.filter(
    n => !LOCAL_CLUSTER_SPECS.some(spec => spec.name === n),
  );
  if (unknown.length > 0) {
    throw new Error(
      `${METRICS_OFF_ENV} names unknown clusters: ${unknown.join(', ')}`,
    );
  }
  return names;
}

/** Env var naming a clusters dir (as written by `scripts/clusters up`) to reuse. */
export const TEST_CLUSTERS_ENV = 'KUBE_PLATFORM_TEST_CLUSTERS';

/** Base port used when the harness starts clusters itself (away from the demo's 16443). */
export const HARNESS_BASE_PORT = 17443;

/** Namespace of the platform's own identities (deploy/kubernetes). */
export const PLATFORM_NAMESPACE = 'kube-platform-system';

/** One least-privilege ServiceAccount every local cluster provisions from deploy/kubernetes. */
export interface PlatformIdentity {
  /** ServiceAccount in {@link PLATFORM_NAMESPACE}. */
  serviceAccount: string;
  /** Its `kubernetes.io/service-account-token` Secret. */
  tokenSecret: string;
  /** File in the cluster's data dir its token is written to. */
  tokenFile: string;
}

/** Identities must match `scripts/clusters` and the manifests in deploy/kubernetes. */
export const PLATFORM_IDENTITIES = {
  /** The Kube Platform backend (ClusterRole kube-platform-backend). */
  platform: {
    serviceAccount: 'kube-platform',
    tokenSecret: 'kube-platform-token',
    tokenFile: 'platform-token',
  },
  /** The stock Backstage Kubernetes plugin (read-only ClusterRole backstage-kubernetes-reader). */
  stockReader: {
    serviceAccount: 'backstage-kubernetes-reader',
    tokenSecret: 'backstage-kubernetes-reader-token',
    tokenFile: 'stock-reader-token',
  },
} as const satisfies Record<string, PlatformIdentity>;

/** Manifests applied to every local cluster on start, relative to the repo root, in order. */
export const PLATFORM_MANIFESTS = [
  'deploy/kubernetes/kube-platform-backend.yaml',
  'deploy/kubernetes/stock-kubernetes-plugin-reader.yaml',
] as const;

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

/** Env var naming a clusters dir (as written by `scripts/clusters up`) to reuse. */
export const TEST_CLUSTERS_ENV = 'KUBE_PLATFORM_TEST_CLUSTERS';

/** Base port used when the harness starts clusters itself (away from the demo's 16443). */
export const HARNESS_BASE_PORT = 17443;

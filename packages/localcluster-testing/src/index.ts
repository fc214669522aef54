/**
 * Jest harness for real local Kubernetes control planes (tools/localcluster).
 *
 * @packageDocumentation
 */

export {
  DEMO_TOKENS_FLAG,
  DEMO_USERS,
  HARNESS_BASE_PORT,
  LOCAL_CLUSTER_SPECS,
  METRICS_OFF_ENV,
  PLATFORM_IDENTITIES,
  PLATFORM_MANIFESTS,
  PLATFORM_NAMESPACE,
  TEST_CLUSTERS_ENV,
  metricsOffClusters,
} from './specs';
export type { DemoUser, LocalClusterSpec, PlatformIdentity } from './specs';
export {
  REPO_ROOT,
  attachLocalCluster,
  ensureLocalClusterBinary,
  freePort,
  isPortFree,
  localClusterBinary,
  readClusterInfo,
  startLocalCluster,
} from './localCluster';
export type {
  ClusterInfo,
  LocalCluster,
  StartLocalClusterOptions,
} from './localCluster';
export {
  attachLocalClusters,
  getLocalClusterSet,
  getLocalClusters,
  releaseLocalClusters,
  startLocalClusters,
  useLocalClusters,
} from './harness';
export type { LocalClusterSet, StartLocalClustersOptions } from './harness';
export { compactLocalCluster } from './compaction';
export { waitFor } from './waitFor';
export type { WaitForOptions } from './waitFor';
export {
  apiErrorMessage,
  createTestNamespace,
  deleteNamespaces,
  isApiError,
  uniqueName,
} from './testUtils';
export type { ApiError } from './testUtils';
export { kubePlatformClustersConfig, stockKubernetesConfig } from './config';

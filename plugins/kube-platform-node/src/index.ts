/**
 * Node library for Kube Platform: the cluster registry, watch caches, health
 * monitor and Kubernetes clients.
 *
 * @packageDocumentation
 */

export type { ClusterConnection } from './clusterConfig';
export { readClusterConnections } from './clusterConfig';
// Every call to a cluster bounded in time; NotReady clusters fail fast.
export { DEFAULT_REQUEST_TIMEOUT_MS } from './clusterConfig';
export {
  ClusterTimeoutError,
  isClusterTimeout,
} from './timeouts/ClusterTimeoutError';
export {
  BoundedKubeConfig,
  kubeConfigAs,
  withoutRequestTimeout,
} from './timeouts/BoundedKubeConfig';
export { createTimeoutHttpLibrary } from './timeouts/createTimeoutHttpLibrary';
export { withAbortSignal } from './timeouts/withAbortSignal';
export { assertClusterReady } from './health/assertClusterReady';
export type {
  ClusterRegistry,
  ClusterRegistryChange,
  ClusterRegistryOptions,
  ClusterReplaceResult,
  RegisteredCluster,
} from './clusterRegistry';
export {
  CONFIG_CLUSTER_SOURCE,
  createClusterRegistry,
  createClusterRegistryFromConfig,
} from './clusterRegistry';
// Clusters added and removed at run time by suppliers.
export type { KubePlatformClusterSupplier } from './clusters/ClusterSupplier';
export {
  createClusterSuppliersExtension,
  kubePlatformClusterSuppliersExtensionPoint,
} from './clusters/clusterSuppliersExtensionPoint';
export type {
  ClusterSuppliersExtension,
  KubePlatformClusterSuppliersExtensionPoint,
} from './clusters/clusterSuppliersExtensionPoint';
export {
  createClusterSupplierService,
  DEFAULT_CLUSTER_SUPPLIER_FREQUENCY_MS,
} from './clusters/ClusterSupplierService';
export type { ClusterSupplierService } from './clusters/ClusterSupplierService';
export { createConfigClusterSupplier } from './clusters/configClusterSupplier';
export { createClusterConnectionValidator } from './clusters/validateClusterConnection';
export type { ClusterConnectionValidator } from './clusters/validateClusterConnection';
export type { ClusterConnectionDiff } from './clusters/diffClusterConnections';
export {
  ClusterHealthMonitor,
  DEFAULT_HEALTH_MONITOR_OPTIONS,
} from './health/ClusterHealthMonitor';
export type { HealthMonitorOptions } from './health/ClusterHealthMonitor';
export { readHealthSettings } from './health/readHealthOptions';
export type { HealthSettings } from './health/readHealthOptions';
// Watch caches and pluggable watched kinds.
export type { ClusterCacheService } from './watch/ClusterCacheService';
export { createClusterCacheService } from './watch/ClusterCacheService';
export { ClusterWatchCache } from './watch/ClusterWatchCache';
export type { WatchCacheStatus } from './watch/ClusterWatchCache';
export { Reflector } from './watch/Reflector';
export type { ReflectorOptions, ReflectorSource } from './watch/Reflector';
export type { ReflectorStatus, WatchStore } from './watch/WatchStore';
export type { BackoffOptions } from './watch/Backoff';
export type { ListPage, PageQuery } from './watch/listPages';
export type { ListQuery, WatchTransport } from './watch/WatchTransport';
export { defineWatchedKind } from './watch/WatchedKind';
export type { WatchedKind } from './watch/WatchedKind';
export {
  BUILTIN_WATCHED_KINDS,
  namespacesKind,
  nodesKind,
  resourceQuotasKind,
} from './watch/builtinKinds';
export { createWatchedKindRegistry } from './watch/WatchedKindRegistry';
export type { WatchedKindRegistry } from './watch/WatchedKindRegistry';
export {
  createWatchedKindsExtension,
  kubePlatformWatchedKindsExtensionPoint,
} from './watch/watchedKindsExtensionPoint';
export type {
  KubePlatformWatchedKindsExtensionPoint,
  WatchedKindsExtension,
} from './watch/watchedKindsExtensionPoint';
export type {
  CachedNamespace,
  CachedNode,
  CachedResourceQuota,
} from './watch/trim';
export { trimNamespace, trimNode, trimResourceQuota } from './watch/trim';
export {
  kubePlatformClusterCacheServiceRef,
  kubePlatformClusterHealthServiceRef,
  kubePlatformClusterRegistryServiceRef,
  kubePlatformClusterSuppliersServiceRef,
  kubePlatformWatchedKindsServiceRef,
} from './serviceRefs';
export {
  ManifestApplier,
  apiErrorMessage,
  apiErrorStatus,
} from './apply/ManifestApplier';
export type { ApplyOutcome, KubernetesApiError } from './apply/ManifestApplier';
export {
  createKubePlatformTenantConditionalDecision,
  isTenantAuthorized,
  isTenantOwnerMember,
  kubePlatformTenantConditions,
  tenantPermissionResourceRef,
  tenantPermissionRules,
} from './permissions/tenantPermissionRules';
export type {
  TenantPermissionQuery,
  TenantPermissionResource,
} from './permissions/tenantPermissionRules';
export * from './engine';
export {
  createKubePlatformFederatedAppConditionalDecision,
  federatedAppPermissionResourceRef,
  federatedAppPermissionRules,
  isFederatedAppAuthorized,
  isFederatedAppOwnerMember,
  kubePlatformFederatedAppConditions,
} from './permissions/federatedAppPermissionRules';
export type {
  FederatedAppPermissionQuery,
  FederatedAppPermissionResource,
} from './permissions/federatedAppPermissionRules';

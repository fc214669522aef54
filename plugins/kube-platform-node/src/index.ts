/**
 * Node library for Kube Platform: the cluster registry, watch caches, health
 * monitor and Kubernetes clients.
 *
 * @packageDocumentation
 */

export type { ClusterConnection } from './clusterConfig';
export { readClusterConnections } from './clusterConfig';
export type { ClusterRegistry } from './clusterRegistry';
export {
  createClusterRegistry,
  createClusterRegistryFromConfig,
} from './clusterRegistry';
export {
  ClusterHealthMonitor,
  DEFAULT_HEALTH_MONITOR_OPTIONS,
} from './health/ClusterHealthMonitor';
export type { HealthMonitorOptions } from './health/ClusterHealthMonitor';
export { readHealthSettings } from './health/readHealthOptions';
export type { HealthSettings } from './health/readHealthOptions';
export type { ClusterCacheService } from './watch/ClusterCacheService';
export { createClusterCacheService } from './watch/ClusterCacheService';
export { ClusterWatchCache } from './watch/ClusterWatchCache';
export { Reflector } from './watch/Reflector';
export type { ReflectorSource } from './watch/Reflector';
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

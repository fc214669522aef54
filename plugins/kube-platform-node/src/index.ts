/**
 * Node library for Kube Platform: the cluster registry service and Kubernetes clients.
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
export { kubePlatformClusterRegistryServiceRef } from './serviceRefs';

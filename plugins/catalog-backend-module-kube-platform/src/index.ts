/**
 * Catalog module that brings registered Kube Platform clusters into the catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleKubePlatform as default } from './module';
export { KubePlatformClusterProvider } from './KubePlatformClusterProvider';
export { renderClusterEntity } from './clusterEntities';

/**
 * Catalog module that brings registered Kube Platform clusters and their tenants into
 * the catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleKubePlatform as default } from './module';
export { KubePlatformClusterProvider } from './KubePlatformClusterProvider';
export { KubePlatformTenantProvider } from './KubePlatformTenantProvider';
export { renderClusterEntity } from './clusterEntities';
export { renderTenantEntity } from './tenantEntities';

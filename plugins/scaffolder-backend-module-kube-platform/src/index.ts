/**
 * Scaffolder actions for Kube Platform.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKubePlatform as default } from './module';
export { createSelectClustersAction } from './actions/selectClusters';
export { createTenantCreateAction } from './actions/tenantCreate';
export { createTenantVerifyAction } from './actions/tenantVerify';
export { createFederationDeployAction } from './actions/federationDeploy';
export type { KubePlatformRequestDeps } from './actions/kubePlatformRequest';

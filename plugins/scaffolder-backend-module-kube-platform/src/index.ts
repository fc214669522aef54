/**
 * Scaffolder actions for Kube Platform.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKubePlatform as default } from './module';
export { createSelectClustersAction } from './actions/selectClusters';

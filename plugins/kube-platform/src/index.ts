/**
 * Kube Platform frontend plugin: cluster inventory, tenant quota and cost views.
 *
 * @packageDocumentation
 */

export { kubePlatformPlugin, KubePlatformClustersPage } from './plugin';
export { kubePlatformApiRef } from './api/KubePlatformApi';
export type { KubePlatformApi } from './api/KubePlatformApi';
export { KubePlatformClient } from './api/KubePlatformClient';
export { ClustersTable } from './components/ClustersPage';
export { clustersRouteRef } from './routes';

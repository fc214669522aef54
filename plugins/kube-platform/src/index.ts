/**
 * Kube Platform frontend plugin: cluster inventory, tenant quota and cost views.
 *
 * @packageDocumentation
 */

export {
  kubePlatformPlugin,
  KubePlatformClustersPage,
  EntityKubePlatformClusterCard,
  EntityKubePlatformQuotaContent,
  EntityKubePlatformQuotaCard,
  EntityKubePlatformCostContent,
  EntityKubePlatformCostCard,
  EntityKubePlatformTenantCard,
  EntityKubePlatformFederationContent,
  KubePlatformTenantGuardrailsFieldExtension,
  KubePlatformFederationPlanFieldExtension,
} from './plugin';
export { kubePlatformApiRef } from './api/KubePlatformApi';
export type { KubePlatformApi } from './api/KubePlatformApi';
export { KubePlatformClient } from './api/KubePlatformClient';
export {
  ClustersTable,
  type ClustersTableProps,
} from './components/ClustersPage';
export {
  isKubePlatformClusterAvailable,
  type EntityClusterCardProps,
} from './components/EntityClusterCard';
export {
  isQuotaAvailable,
  type EntityQuotaContentProps,
  type EntityQuotaCardProps,
} from './components/EntityQuota';
export {
  isCostAvailable,
  type EntityCostContentProps,
  type EntityCostCardProps,
} from './components/EntityCost';
export type {
  ClusterCostResponse,
  CostAmounts,
  CostCsvFile,
  EntityCostQuery,
  EntityCostResponse,
} from './api/costTypes';
export {
  isTenantAvailable,
  type EntityTenantCardProps,
} from './components/EntityTenantCard';
export {
  FEDERATED_APP_ANNOTATION,
  federatedAppRefOf,
  isFederatedAppAvailable,
  type EntityFederationContentProps,
  type FederatedAppRef,
} from './components/EntityFederation';
export type {
  ClusterReplicaPreference,
  FederatedAppChangeResult,
  FederatedAppDetails,
  FederatedAppOperation,
  FederatedAppPlanPreview,
  FederatedAppPlanRequest,
  FederatedAppTotals,
  FederatedClusterStatus,
  FederatedFailoverCluster,
  FederatedOperationResult,
  FederatedPlanRefusal,
  FederatedReplicasChange,
  StoredFederatedApp,
} from './api/federationTypes';
export {
  FEDERATION_PLAN_FIELD_NAME,
  federatedAppOfForm,
} from './components/FederationPlanField';
export {
  TENANT_GUARDRAILS_FIELD_NAME,
  tenantRequestFromFormData,
} from './components/TenantGuardrailsField';
export { clustersRouteRef } from './routes';

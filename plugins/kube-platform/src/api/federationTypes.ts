import type {
  FederatedAppDetails as FederatedAppDetailsWire,
  FederatedAppInput,
  FederatedAppOperation as FederatedAppOperationWire,
  FederatedAppPlanResponse,
  FederatedAppReplicasPatch,
  FederatedAppTotals,
  FederatedClusterRefusal,
  ReplicaPlan,
} from '@kube-platform/plugin-kube-platform-common';

/*
 * The federated-app REST API's types live in -common (federatedAppApi.ts).
 * This file gives the frontend's names to what it sends, and loosens what it
 * reads where the tab renders without a field (so fixtures may leave it out).
 */
export type {
  FederatedAppTotals,
  FederatedClusterStatus,
  FederatedFailoverCluster,
  FederatedOperationResult,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';

/** A change of an app's total replicas and/or per-cluster preferences (`PATCH .../replicas`). */
export type FederatedReplicasChange = FederatedAppReplicasPatch;

/** Scheduling preference of one cluster, as a change of replicas sends it. */
export type ClusterReplicaPreference = NonNullable<
  FederatedReplicasChange['clusters']
>[string];

/** A target cluster the backend would not place replicas on, and why. */
export type FederatedPlanRefusal = FederatedClusterRefusal;

/** What the backend would do with a changed spec (`POST .../plan`). */
export type FederatedAppPlanPreview = FederatedAppPlanResponse;

/** Body of a what-if plan: a whole federated app as a client sends it. */
export type FederatedAppPlanRequest = FederatedAppInput;

/** A recorded operation as the tab reads it: `target`, `spec` and `updatedAt` are not shown. */
export type FederatedAppOperation = Omit<
  FederatedAppOperationWire,
  'target' | 'spec' | 'updatedAt'
> &
  Partial<Pick<FederatedAppOperationWire, 'target' | 'spec' | 'updatedAt'>>;

/** A federated app's details as the tab reads them: without `totals` it sums the statuses. */
export interface FederatedAppDetails
  extends Omit<FederatedAppDetailsWire, 'totals' | 'operations'> {
  totals?: FederatedAppTotals;
  operations: FederatedAppOperation[];
}

/**
 * What the tab reads of the answer to a change of replicas or a migration
 * (a `FederatedAppDeployResult`): every field optional, shown when present.
 */
export interface FederatedAppChangeResult {
  operationId?: string;
  result?: string;
  plan?: ReplicaPlan;
}

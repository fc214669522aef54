import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import {
  kubePlatformApiRef,
  type KubePlatformApi,
} from '../../api/KubePlatformApi';
import type { FederatedAppDetails } from '../../api/federationTypes';
import { DEFAULT_REFRESH_INTERVAL_MS } from '../shared/usePolledAsync';
import { ClusterReplicasTable } from './ClusterReplicasTable';
import { FederationActions } from './FederationActions';
import { FederationSummary } from './FederationSummary';
import { clusterRowsOf, isRolloutInProgress } from './federationDisplay';
import {
  FEDERATED_APP_ANNOTATION,
  federatedAppRefOf,
  isFederatedAppAvailable,
  type FederatedAppRef,
} from './isFederatedAppAvailable';
import { OperationHistory } from './OperationHistory';

/** Props of {@link EntityFederationContent}. */
export interface EntityFederationContentProps {
  /** How often to reload while nothing rolls out, in milliseconds; 0 disables it. Defaults to 10 s. */
  refreshIntervalMs?: number;
  /** How often to reload while a rollout is in progress. Defaults to 2 s. */
  rolloutRefreshIntervalMs?: number;
}

/** Refresh period while a rollout is in progress. */
const ROLLOUT_REFRESH_INTERVAL_MS = 2_000;

function FederationView(props: {
  appRef: FederatedAppRef;
  details: FederatedAppDetails;
  health?: ClusterStatus[];
  onChanged: () => void;
}) {
  const { details, health } = props;
  const rows = useMemo(() => clusterRowsOf(details), [details]);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Federated app ${details.name}`}
          subheader={`${details.namespace} on ${details.clusters.length} clusters`}
        >
          <FederationSummary details={details} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ClusterReplicasTable rows={rows} health={health} />
      </Grid>
      <Grid item xs={12}>
        <FederationActions
          appRef={props.appRef}
          details={details}
          rows={rows}
          registeredClusters={(health ?? []).map(c => c.name)}
          onChanged={props.onChanged}
        />
      </Grid>
      <Grid item xs={12}>
        <OperationHistory operations={details.operations} />
      </Grid>
    </Grid>
  );
}

/** Registered clusters with their health, or `undefined` for a user who may not read the inventory: health is extra. */
async function listClustersOrNothing(
  api: KubePlatformApi,
): Promise<ClusterStatus[] | undefined> {
  return api.listClusters().catch(() => undefined);
}

/** The app and cluster health, reloaded every `refreshIntervalMs`, every `rolloutRefreshIntervalMs` while a rollout runs. */
function useFederatedApp(
  appRef: FederatedAppRef,
  intervals: { refreshIntervalMs: number; rolloutRefreshIntervalMs: number },
) {
  const api = useApi(kubePlatformApiRef);
  const { namespace, name } = appRef;
  const state = useAsyncRetry(async () => {
    const [details, health] = await Promise.all([
      api.getFederatedApp(namespace, name),
      listClustersOrNothing(api),
    ]);
    return { details, health };
  }, [api, namespace, name]);
  const rollingOut = state.value?.details
    ? isRolloutInProgress(state.value.details)
    : false;
  const interval = rollingOut
    ? intervals.rolloutRefreshIntervalMs
    : intervals.refreshIntervalMs;
  useInterval(state.retry, interval > 0 ? interval : null);
  return state;
}

function FederationTab(props: {
  appRef: FederatedAppRef;
  refreshIntervalMs: number;
  rolloutRefreshIntervalMs: number;
}) {
  const { namespace, name } = props.appRef;
  const { value, error, retry } = useFederatedApp(props.appRef, props);
  if (error && !value) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  if (!value.details) {
    return (
      <EmptyState
        missing="data"
        title={`No federated app ${namespace}/${name}`}
        description={`Kube Platform has no federated app named "${name}" in namespace "${namespace}". Check the ${FEDERATED_APP_ANNOTATION} annotation, or deploy the app with the "Deploy a federated app" template.`}
      />
    );
  }
  return (
    <FederationView
      appRef={props.appRef}
      details={value.details}
      health={value.health}
      onChanged={retry}
    />
  );
}

/**
 * Federation tab of a Component deployed as a federated app: replicas per
 * cluster with health, rollout and drift, totals, overrides, failover state,
 * the operation history, and scale / weights / migrate for its owners.
 */
export function EntityFederationContent(props: EntityFederationContentProps) {
  const { entity } = useEntity();
  const appRef = federatedAppRefOf(entity);
  if (!isFederatedAppAvailable(entity) || !appRef) {
    return (
      <MissingAnnotationEmptyState annotation={FEDERATED_APP_ANNOTATION} />
    );
  }
  return (
    <FederationTab
      key={`${appRef.namespace}/${appRef.name}`}
      appRef={appRef}
      refreshIntervalMs={props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS}
      rolloutRefreshIntervalMs={
        props.rolloutRefreshIntervalMs ?? ROLLOUT_REFRESH_INTERVAL_MS
      }
    />
  );
}

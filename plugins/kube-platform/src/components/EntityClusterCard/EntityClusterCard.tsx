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
import {
  formatBytes,
  formatCpu,
  KUBE_PLATFORM_ANNOTATIONS,
  type ClusterStatus,
} from '@kube-platform/plugin-kube-platform-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { CacheFreshnessIndicator } from '../shared/CacheFreshnessIndicator';
import { CacheWatchDetails } from '../shared/CacheWatchDetails';
import { ClusterHealthIndicator } from '../shared/ClusterHealthIndicator';
import { formatAge } from '../shared/format';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  usePolledAsync,
} from '../shared/usePolledAsync';
import {
  clusterNameOf,
  isKubePlatformClusterAvailable,
} from './isKubePlatformClusterAvailable';
import { ProbeHistory } from './ProbeHistory';
import { QuotaGauge } from './QuotaGauge';
import { Field } from '../shared/Field';
import { ClusterCostSummary } from '../EntityCost/ClusterCostSummary';

function ClusterDetails(props: { cluster: ClusterStatus }) {
  const { health, capacity, cache } = props.cluster;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Field label="Health">
          <ClusterHealthIndicator status={health.status} />
          {health.lastTransitionTime &&
            ` since ${formatAge(health.lastTransitionTime)}`}
          {health.lastProbeTime &&
            `, last probe ${formatAge(health.lastProbeTime)}`}
        </Field>
        {health.lastError && (
          <Typography
            variant="body2"
            color={health.status === 'Ready' ? 'textSecondary' : 'error'}
          >
            Last error: {health.lastError}
          </Typography>
        )}
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Version">{health.version ?? '—'}</Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="API latency">
          {health.latencyMs === undefined ? '—' : `${health.latencyMs} ms`}
        </Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Nodes Ready">
          {capacity.nodesReady}/{capacity.nodesTotal}
        </Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Tenants">{capacity.tenants}</Field>
      </Grid>
      <Grid item xs={12} sm={6}>
        <QuotaGauge
          resource="CPU"
          quota={`${formatCpu(capacity.quotaCpu)} cores`}
          allocatable={`${formatCpu(capacity.allocatableCpu)} cores`}
          overcommit={capacity.cpuOvercommit}
        />
      </Grid>
      <Grid item xs={12} sm={6}>
        <QuotaGauge
          resource="Memory"
          quota={formatBytes(capacity.quotaMemory)}
          allocatable={formatBytes(capacity.allocatableMemory)}
          overcommit={capacity.memoryOvercommit}
        />
      </Grid>
      <Grid item xs={12}>
        <ClusterCostSummary clusterName={props.cluster.name} />
      </Grid>
      <Grid item xs={12} sm={6}>
        <Field label="Cache">
          <CacheFreshnessIndicator cache={cache} />
          <Typography variant="caption" color="textSecondary" component="div">
            <CacheWatchDetails cache={cache} />
          </Typography>
        </Field>
      </Grid>
      <Grid item xs={12} sm={6}>
        <Field label="Probe history">
          <ProbeHistory probes={health.history} />
        </Field>
      </Grid>
    </Grid>
  );
}

/** Props of {@link EntityClusterCard}. */
export interface EntityClusterCardProps {
  /** How often to reload the cluster, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function ClusterCard(props: {
  clusterName: string;
  refreshIntervalMs: number;
}) {
  const api = useApi(kubePlatformApiRef);
  const { clusterName } = props;
  // Wrapped so that a 404 (undefined) is told apart from "not loaded yet" while polling.
  const { value: lookup, error } = usePolledAsync(
    async () => ({ cluster: await api.getCluster(clusterName) }),
    [api, clusterName],
    props.refreshIntervalMs,
  );
  const cluster = lookup?.cluster;
  let content: ReactNode;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!lookup) {
    content = <Progress />;
  } else if (!cluster) {
    content = (
      <EmptyState
        missing="data"
        title={`Cluster ${clusterName} is not registered`}
        description={`Kube Platform has no cluster named "${clusterName}". Register it under kubePlatform.clusters, or point the ${KUBE_PLATFORM_ANNOTATIONS.cluster} annotation at a registered cluster.`}
      />
    );
  } else {
    content = <ClusterDetails cluster={cluster} />;
  }
  return (
    <InfoCard
      title="Kubernetes cluster"
      subheader={
        cluster
          ? `${cluster.title ?? cluster.name}, ${cluster.url}`
          : clusterName
      }
    >
      {content}
    </InfoCard>
  );
}

/**
 * Card for a `kubernetes-cluster` Resource entity: live health, version, nodes,
 * quota against allocatable capacity, cache freshness and recent probes.
 */
export function EntityClusterCard(props: EntityClusterCardProps) {
  const { entity } = useEntity();
  if (!isKubePlatformClusterAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBE_PLATFORM_ANNOTATIONS.cluster}
      />
    );
  }
  return (
    <ClusterCard
      clusterName={clusterNameOf(entity)}
      refreshIntervalMs={props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS}
    />
  );
}

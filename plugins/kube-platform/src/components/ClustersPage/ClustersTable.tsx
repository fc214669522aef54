import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  usePolledAsync,
} from '../shared/usePolledAsync';
import { ClusterFilterBar } from './ClusterFilterBar';
import { clusterColumns } from './clusterColumns';
import { useClusterColumnStyles } from './clusterColumnStyles';
import { filterClusters } from './clusterFilters';
import { useClusterFilters } from './useClusterFilters';

/** Props of {@link ClustersTable}. */
export interface ClustersTableProps {
  /** How often to reload the inventory, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function tableTitle(visible: number, total: number): string {
  return visible !== total
    ? `Registered clusters (${visible} of ${total})`
    : `Registered clusters (${total})`;
}

/**
 * Live table of every registered cluster: health, version, nodes, quota against
 * allocatable capacity and cache freshness, filterable by label selector and health.
 */
export function ClustersTable(props: ClustersTableProps) {
  const { refreshIntervalMs = DEFAULT_REFRESH_INTERVAL_MS } = props;
  const classes = useClusterColumnStyles();
  const api = useApi(kubePlatformApiRef);
  const { value: clusters, error } = usePolledAsync(
    () => api.listClusters(),
    [api],
    refreshIntervalMs,
  );
  const { addLabel, ...filters } = useClusterFilters();
  const columns = useMemo(
    () =>
      clusterColumns({
        onLabelClick: addLabel,
        labelChipClassName: classes.labelChip,
        warningClassName: classes.warning,
      }),
    [addLabel, classes.labelChip, classes.warning],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!clusters) {
    return <Progress />;
  }
  if (clusters.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No clusters are registered"
        description="Register clusters under kubePlatform.clusters in the app config to see their health and capacity here."
      />
    );
  }

  const visibleClusters = filterClusters(
    clusters,
    filters.healthFilter,
    filters.parsedQuery,
  );
  return (
    <>
      <ClusterFilterBar {...filters} />
      <Table<ClusterStatus>
        title={tableTitle(visibleClusters.length, clusters.length)}
        options={{ paging: false, search: true, padding: 'dense' }}
        columns={columns}
        data={visibleClusters}
        emptyContent={
          <Box padding={2}>
            <Typography>No registered cluster matches the filters.</Typography>
          </Box>
        }
      />
    </>
  );
}

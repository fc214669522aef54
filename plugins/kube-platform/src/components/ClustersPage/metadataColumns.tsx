import type { TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { CacheFreshnessIndicator } from '../shared/CacheFreshnessIndicator';
import { CacheWatchDetails } from '../shared/CacheWatchDetails';

function labelsColumn(options: {
  onLabelClick: (requirement: string) => void;
  labelChipClassName: string;
}): TableColumn<ClusterStatus> {
  return {
    title: 'Labels',
    field: 'labels',
    sorting: false,
    customFilterAndSearch: (term: string, cluster) =>
      Object.entries(cluster.labels).some(([key, value]) =>
        `${key}=${value}`.includes(term),
      ),
    render: cluster =>
      Object.entries(cluster.labels).map(([key, value]) => (
        <Chip
          key={key}
          size="small"
          className={options.labelChipClassName}
          label={`${key}=${value}`}
          title={`Show only clusters labelled ${key}=${value}`}
          onClick={() => options.onLabelClick(`${key}=${value}`)}
        />
      )),
  };
}

function cacheColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Cache',
    field: 'cache.synced',
    render: cluster => (
      <Tooltip title={<CacheWatchDetails cache={cluster.cache} />}>
        <span>
          <CacheFreshnessIndicator cache={cluster.cache} />
        </span>
      </Tooltip>
    ),
  };
}

function ownerColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Owner',
    field: 'owner',
    render: cluster =>
      cluster.owner ? (
        <EntityRefLink entityRef={cluster.owner} defaultKind="group" />
      ) : (
        '—'
      ),
  };
}

/** Columns of what is known about a cluster besides its state: labels, cache, owner. */
export function clusterMetadataColumns(options: {
  onLabelClick: (requirement: string) => void;
  labelChipClassName: string;
}): TableColumn<ClusterStatus>[] {
  return [labelsColumn(options), cacheColumn(), ownerColumn()];
}

import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  formatBytes,
  formatCpu,
  matchesLabelSelector,
  type ClusterHealthStatus,
  type ClusterStatus,
} from '@kube-platform/plugin-kube-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState, type ReactNode } from 'react';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { CacheFreshnessIndicator } from '../shared/CacheFreshnessIndicator';
import { CacheWatchDetails } from '../shared/CacheWatchDetails';
import { ClusterHealthIndicator } from '../shared/ClusterHealthIndicator';
import { formatOvercommit, isOvercommitted } from '../shared/format';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  usePolledAsync,
} from '../shared/usePolledAsync';
import { parseLabelSelectorQuery } from './labelSelectorQuery';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  labelSelectorInput: {
    flex: '1 1 24rem',
  },
  healthInput: {
    minWidth: '10rem',
  },
  labelChip: {
    margin: theme.spacing(0.25),
  },
  warning: {
    color: theme.palette.warning.main,
  },
}));

/** Health statuses the table can be narrowed to, or every cluster. */
type HealthFilter = 'All' | ClusterHealthStatus;

const HEALTH_FILTERS: HealthFilter[] = ['All', 'Ready', 'NotReady', 'Unknown'];

// Sort order of health: the clusters that need attention first.
const HEALTH_SEVERITY: Record<ClusterHealthStatus, number> = {
  NotReady: 0,
  Unknown: 1,
  Ready: 2,
};

/** Sorts by an optional number, clusters without one last. */
function compareOptional(a: number | undefined, b: number | undefined): number {
  return (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);
}

function CapacityCell(props: {
  allocated: string;
  allocatable: string;
  overcommit?: number;
}) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="body2">
        {props.allocated} / {props.allocatable}
      </Typography>
      <Typography
        variant="caption"
        className={
          isOvercommitted(props.overcommit) ? classes.warning : undefined
        }
      >
        overcommit {formatOvercommit(props.overcommit)}
      </Typography>
    </>
  );
}

function clusterColumns(options: {
  onLabelClick: (requirement: string) => void;
  labelChipClassName: string;
  warningClassName: string;
}): TableColumn<ClusterStatus>[] {
  const withTooltip = (title: string | undefined, children: ReactNode) =>
    title ? (
      <Tooltip title={title}>
        <span>{children}</span>
      </Tooltip>
    ) : (
      children
    );
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      customFilterAndSearch: (term: string, cluster) =>
        [cluster.name, cluster.title ?? ''].some(text =>
          text
            .toLocaleLowerCase('en-US')
            .includes(term.toLocaleLowerCase('en-US')),
        ),
      render: cluster => (
        <>
          <Link to={`/catalog/default/resource/${cluster.name}`}>
            {cluster.title ?? cluster.name}
          </Link>
          {cluster.title && (
            <Typography variant="caption" display="block" color="textSecondary">
              {cluster.name}
              {cluster.host ? ', management (host)' : ''}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Health',
      field: 'health.status',
      customSort: (a, b) =>
        HEALTH_SEVERITY[a.health.status] - HEALTH_SEVERITY[b.health.status],
      render: cluster =>
        withTooltip(
          cluster.health.lastError && `Last error: ${cluster.health.lastError}`,
          <ClusterHealthIndicator status={cluster.health.status} />,
        ),
    },
    {
      title: 'Version',
      field: 'health.version',
      render: cluster => cluster.health.version ?? '—',
    },
    {
      title: 'Nodes Ready',
      field: 'capacity.nodesReady',
      render: ({ capacity }) => (
        <span
          className={
            capacity.nodesReady < capacity.nodesTotal
              ? options.warningClassName
              : undefined
          }
        >
          {capacity.nodesReady}/{capacity.nodesTotal}
        </span>
      ),
    },
    {
      title: 'CPU quota / allocatable',
      field: 'capacity.cpuOvercommit',
      customSort: (a, b) =>
        compareOptional(a.capacity.cpuOvercommit, b.capacity.cpuOvercommit),
      render: ({ capacity }) => (
        <CapacityCell
          allocated={formatCpu(capacity.quotaCpu)}
          allocatable={formatCpu(capacity.allocatableCpu)}
          overcommit={capacity.cpuOvercommit}
        />
      ),
    },
    {
      title: 'Memory quota / allocatable',
      field: 'capacity.memoryOvercommit',
      customSort: (a, b) =>
        compareOptional(
          a.capacity.memoryOvercommit,
          b.capacity.memoryOvercommit,
        ),
      render: ({ capacity }) => (
        <CapacityCell
          allocated={formatBytes(capacity.quotaMemory)}
          allocatable={formatBytes(capacity.allocatableMemory)}
          overcommit={capacity.memoryOvercommit}
        />
      ),
    },
    {
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
    },
    {
      title: 'Cache',
      field: 'cache.synced',
      render: cluster => (
        <Tooltip title={<CacheWatchDetails cache={cluster.cache} />}>
          <span>
            <CacheFreshnessIndicator cache={cluster.cache} />
          </span>
        </Tooltip>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: cluster =>
        cluster.owner ? (
          <EntityRefLink entityRef={cluster.owner} defaultKind="group" />
        ) : (
          '—'
        ),
    },
  ];
}

/** Props of {@link ClustersTable}. */
export interface ClustersTableProps {
  /** How often to reload the inventory, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

/**
 * Live table of every registered cluster: health, version, nodes, quota against
 * allocatable capacity and cache freshness, filterable by label selector and health.
 */
export function ClustersTable(props: ClustersTableProps) {
  const { refreshIntervalMs = DEFAULT_REFRESH_INTERVAL_MS } = props;
  const classes = useStyles();
  const api = useApi(kubePlatformApiRef);
  const { value: clusters, error } = usePolledAsync(
    () => api.listClusters(),
    [api],
    refreshIntervalMs,
  );
  const [labelSelectorQuery, setLabelSelectorQuery] = useState('');
  const [healthFilter, setHealthFilter] = useState<HealthFilter>('All');
  const parsedQuery = useMemo(
    () => parseLabelSelectorQuery(labelSelectorQuery),
    [labelSelectorQuery],
  );
  const columns = useMemo(
    () =>
      clusterColumns({
        onLabelClick: requirement =>
          setLabelSelectorQuery(query => {
            const requirements = query
              .split(',')
              .map(part => part.trim())
              .filter(Boolean);
            return requirements.includes(requirement)
              ? query
              : [...requirements, requirement].join(',');
          }),
        labelChipClassName: classes.labelChip,
        warningClassName: classes.warning,
      }),
    [classes.labelChip, classes.warning],
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

  const visibleClusters = clusters.filter(
    cluster =>
      (healthFilter === 'All' || cluster.health.status === healthFilter) &&
      ('error' in parsedQuery ||
        matchesLabelSelector(cluster.labels, parsedQuery.selector)),
  );
  const isFiltered = visibleClusters.length !== clusters.length;

  return (
    <>
      <Box className={classes.filters}>
        <TextField
          id="kube-platform-clusters-label-selector"
          className={classes.labelSelectorInput}
          label="Label selector"
          placeholder="region=us-west,environment!=staging"
          variant="outlined"
          size="small"
          value={labelSelectorQuery}
          onChange={event => setLabelSelectorQuery(event.target.value)}
          error={'error' in parsedQuery}
          helperText={
            'error' in parsedQuery
              ? parsedQuery.error
              : 'key=value, key!=value, key in (a,b), key or !key; click a label to add it'
          }
        />
        <TextField
          id="kube-platform-clusters-health"
          className={classes.healthInput}
          select
          label="Health"
          variant="outlined"
          size="small"
          value={healthFilter}
          onChange={event =>
            setHealthFilter(event.target.value as HealthFilter)
          }
          SelectProps={{ native: true }}
        >
          {HEALTH_FILTERS.map(filter => (
            <option key={filter} value={filter}>
              {filter}
            </option>
          ))}
        </TextField>
      </Box>
      <Table<ClusterStatus>
        title={
          isFiltered
            ? `Registered clusters (${visibleClusters.length} of ${clusters.length})`
            : `Registered clusters (${clusters.length})`
        }
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

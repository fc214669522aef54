import { Link, type TableColumn } from '@backstage/core-components';
import type {
  ClusterHealthStatus,
  ClusterStatus,
} from '@kube-platform/plugin-kube-platform-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ClusterHealthIndicator } from '../shared/ClusterHealthIndicator';

// Sort order of health: the clusters that need attention first.
const HEALTH_SEVERITY: Record<ClusterHealthStatus, number> = {
  NotReady: 0,
  Unknown: 1,
  Ready: 2,
};

function includesIgnoringCase(text: string, term: string): boolean {
  return text
    .toLocaleLowerCase('en-US')
    .includes(term.toLocaleLowerCase('en-US'));
}

function nameColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Name',
    field: 'name',
    highlight: true,
    customFilterAndSearch: (term: string, cluster) =>
      [cluster.name, cluster.title ?? ''].some(text =>
        includesIgnoringCase(text, term),
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
  };
}

function healthColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Health',
    field: 'health.status',
    customSort: (a, b) =>
      HEALTH_SEVERITY[a.health.status] - HEALTH_SEVERITY[b.health.status],
    render: ({ health }) => {
      const indicator = <ClusterHealthIndicator status={health.status} />;
      return health.lastError ? (
        <Tooltip title={`Last error: ${health.lastError}`}>
          <span>{indicator}</span>
        </Tooltip>
      ) : (
        indicator
      );
    },
  };
}

function versionColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Version',
    field: 'health.version',
    render: cluster => cluster.health.version ?? '—',
  };
}

/** Columns that say which cluster a row is and whether it is healthy. */
export function clusterIdentityColumns(): TableColumn<ClusterStatus>[] {
  return [nameColumn(), healthColumn(), versionColumn()];
}

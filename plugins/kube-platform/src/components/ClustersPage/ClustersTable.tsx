import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ClusterSummary } from '@kube-platform/plugin-kube-platform-common';
import Chip from '@material-ui/core/Chip';
import useAsync from 'react-use/esm/useAsync';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';

const columns: TableColumn<ClusterSummary>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: cluster => (
      <Link to={`/catalog/default/resource/${cluster.name}`}>{cluster.title ?? cluster.name}</Link>
    ),
  },
  {
    title: 'Labels',
    field: 'labels',
    customFilterAndSearch: (term: string, cluster) =>
      Object.entries(cluster.labels).some(([k, v]) => `${k}=${v}`.includes(term)),
    render: cluster => (
      <>
        {Object.entries(cluster.labels).map(([key, value]) => (
          <Chip key={key} size="small" label={`${key}=${value}`} />
        ))}
      </>
    ),
  },
  { title: 'API server', field: 'url' },
  { title: 'Owner', field: 'owner' },
  {
    title: 'Role',
    field: 'host',
    render: cluster => (cluster.host ? 'management (host)' : 'member'),
  },
];

/** Table of every registered cluster, searchable by name and `key=value` label. */
export function ClustersTable() {
  const api = useApi(kubePlatformApiRef);
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <Table<ClusterSummary>
      title={`Registered clusters (${value?.length ?? 0})`}
      options={{ paging: false, search: true }}
      columns={columns}
      data={value ?? []}
      emptyContent={<div style={{ padding: 16 }}>No clusters are registered under kubePlatform.clusters.</div>}
    />
  );
}

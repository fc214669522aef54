import { Table, type TableColumn } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import type { FederatedAppOperation } from '../../api/federationTypes';
import { formatAge } from '../shared/format';
import { isFailoverOperation } from './federationDisplay';

const useStyles = makeStyles(theme => ({
  failover: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
  },
}));

function clustersOf(operation: FederatedAppOperation): string {
  const clusters = operation.results
    .map(result => result.cluster)
    .filter(
      (cluster, i, all): cluster is string =>
        !!cluster && all.indexOf(cluster) === i,
    );
  return clusters.length > 0 ? clusters.join(', ') : '–';
}

function columnsFor(
  failoverClass: string,
): TableColumn<FederatedAppOperation>[] {
  return [
    {
      title: 'When',
      field: 'createdAt',
      render: op => <span title={op.createdAt}>{formatAge(op.createdAt)}</span>,
    },
    {
      title: 'Action',
      field: 'action',
      render: op =>
        isFailoverOperation(op) ? (
          <Chip size="small" label={op.action} className={failoverClass} />
        ) : (
          op.action
        ),
    },
    { title: 'By', field: 'actor' },
    { title: 'Status', field: 'status' },
    { title: 'Clusters', render: op => clustersOf(op) },
    {
      title: 'Error',
      render: op =>
        op.error ? (
          <Typography variant="body2" color="error">
            {op.error}
          </Typography>
        ) : (
          ''
        ),
    },
  ];
}

/** Every recorded change of the app, newest first; failovers and failbacks stand out. */
export function OperationHistory(props: {
  operations: FederatedAppOperation[];
}) {
  const classes = useStyles();
  const columns = useMemo(
    () => columnsFor(classes.failover),
    [classes.failover],
  );
  const rows = useMemo(
    () =>
      [...props.operations]
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .map(op => ({ ...op })),
    [props.operations],
  );
  return (
    <Table<FederatedAppOperation>
      title={`Operations (${rows.length})`}
      options={{
        paging: rows.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
        rowStyle: (op: FederatedAppOperation) =>
          isFailoverOperation(op) ? { fontWeight: 600 } : {},
      }}
      columns={columns}
      data={rows}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No operations recorded yet.
        </Typography>
      }
    />
  );
}

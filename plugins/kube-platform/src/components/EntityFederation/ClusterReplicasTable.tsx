import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { ClusterHealthIndicator } from '../shared/ClusterHealthIndicator';
import {
  describeDrift,
  describeFailover,
  describeOverride,
  describeRollout,
  type FederatedClusterRow,
} from './federationDisplay';

function Replicas(props: { value?: number }) {
  return <>{props.value ?? '–'}</>;
}

function RolloutCell(props: { row: FederatedClusterRow }) {
  const { level, text } = describeRollout(props.row.status);
  switch (level) {
    case 'ok':
      return <StatusOK>{text}</StatusOK>;
    case 'progress':
      return <StatusRunning>{text}</StatusRunning>;
    case 'error':
      return <StatusError>{text}</StatusError>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
}

function DriftCell(props: { row: FederatedClusterRow }) {
  const { status } = props.row;
  // Only a present Deployment read from a synced cache says anything about drift.
  if (status?.state !== 'present' || status.drift === undefined) {
    return <>–</>;
  }
  const drift = describeDrift(status);
  return drift ? (
    <StatusWarning>Drifted: {drift}</StatusWarning>
  ) : (
    <StatusOK>In sync</StatusOK>
  );
}

function PreferenceCell(props: { row: FederatedClusterRow }) {
  const pref = props.row.preference;
  if (!pref) {
    return <>–</>;
  }
  const bounds = [
    pref.minReplicas !== undefined ? `min ${pref.minReplicas}` : undefined,
    pref.maxReplicas !== undefined ? `max ${pref.maxReplicas}` : undefined,
  ].filter(Boolean);
  return (
    <>
      {pref.weight ?? 1}
      {bounds.length > 0 && (
        <Typography variant="caption" display="block" color="textSecondary">
          {bounds.join(', ')}
        </Typography>
      )}
    </>
  );
}

function OverridesCell(props: { row: FederatedClusterRow }) {
  if (props.row.overrides.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        none
      </Typography>
    );
  }
  return (
    <>
      {props.row.overrides.map(override => (
        <Typography
          key={`${override.op ?? 'replace'} ${override.path}`}
          variant="caption"
          display="block"
          style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
        >
          {describeOverride(override)}
        </Typography>
      ))}
    </>
  );
}

function PlacementCell(props: { row: FederatedClusterRow }) {
  const { row } = props;
  return (
    <>
      <Typography variant="body2">{row.cluster}</Typography>
      {!row.target && (
        <Typography variant="caption" color="textSecondary" display="block">
          not a target now
        </Typography>
      )}
      {row.failover && (
        <Typography variant="caption" color="error" display="block">
          {describeFailover(row.failover)}
        </Typography>
      )}
    </>
  );
}

/** Replica counts are short: narrow columns leave room for the status words, which never break mid-word. */
const countColumn = { width: '80px' } as const;
const statusColumn = { cellStyle: { whiteSpace: 'nowrap' } } as const;

function columnsFor(
  health: Map<string, ClusterStatus> | undefined,
): TableColumn<FederatedClusterRow>[] {
  return [
    {
      title: 'Cluster',
      field: 'cluster',
      highlight: true,
      render: row => <PlacementCell row={row} />,
    },
    {
      title: 'Health',
      ...statusColumn,
      render: row => {
        const cluster = health?.get(row.cluster);
        return cluster ? (
          <ClusterHealthIndicator status={cluster.health.status} />
        ) : (
          <StatusPending>Unknown</StatusPending>
        );
      },
    },
    {
      title: 'Planned',
      field: 'planned',
      ...countColumn,
      render: row =>
        row.overflow > 0
          ? `${row.planned} (+${row.overflow} overflow)`
          : row.planned,
    },
    {
      title: 'Desired',
      ...countColumn,
      render: r => <Replicas value={r.status?.desiredReplicas} />,
    },
    {
      title: 'Updated',
      ...countColumn,
      render: r => <Replicas value={r.status?.updatedReplicas} />,
    },
    {
      title: 'Ready',
      ...countColumn,
      render: r => <Replicas value={r.status?.readyReplicas} />,
    },
    {
      title: 'Available',
      ...countColumn,
      render: r => <Replicas value={r.status?.availableReplicas} />,
    },
    {
      title: 'Rollout',
      ...statusColumn,
      render: row => <RolloutCell row={row} />,
    },
    // Drifted fields may be long; the short words stay whole.
    {
      title: 'Drift',
      cellStyle: { minWidth: 110 },
      render: row => <DriftCell row={row} />,
    },
    {
      title: 'Weight',
      ...countColumn,
      render: row => <PreferenceCell row={row} />,
    },
    { title: 'Overrides', render: row => <OverridesCell row={row} /> },
  ];
}

/** Clusters × replicas: each cluster's health, planned and live replicas, rollout, drift, weight and overrides. */
export function ClusterReplicasTable(props: {
  rows: FederatedClusterRow[];
  health?: ClusterStatus[];
}) {
  const columns = useMemo(
    () =>
      columnsFor(
        props.health ? new Map(props.health.map(c => [c.name, c])) : undefined,
      ),
    [props.health],
  );
  // material-table writes its row state into the objects it is given.
  const rows = useMemo(() => props.rows.map(row => ({ ...row })), [props.rows]);
  return (
    <Table<FederatedClusterRow>
      title="Replicas per cluster"
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={columns}
      data={rows}
    />
  );
}

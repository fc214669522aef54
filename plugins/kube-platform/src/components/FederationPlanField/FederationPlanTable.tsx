import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FederatedAppPlanPreview } from '../../api/federationTypes';

/** Every cluster of a plan: targets first, then any cluster only refused or overflowing. */
function clustersOf(preview: FederatedAppPlanPreview): string[] {
  return [
    ...preview.targets,
    ...Object.keys(preview.plan),
    ...Object.keys(preview.overflow),
    ...preview.refusals.map(r => r.cluster),
  ].filter((name, index, all) => all.indexOf(name) === index);
}

/** Planned replicas per cluster with what runs now, overflow and the reason a cluster is refused. */
export function FederationPlanTable(props: {
  preview: FederatedAppPlanPreview;
}) {
  const { preview } = props;
  const refusals = new Map<string, string[]>();
  for (const { cluster, reason } of preview.refusals) {
    refusals.set(cluster, [...(refusals.get(cluster) ?? []), reason]);
  }
  return (
    <>
      <Table size="small" aria-label="Planned replicas per cluster">
        <TableHead>
          <TableRow>
            <TableCell>Cluster</TableCell>
            <TableCell align="right">Planned replicas</TableCell>
            <TableCell align="right">Running now</TableCell>
            <TableCell align="right">Overflow</TableCell>
            <TableCell>Pre-flight</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {clustersOf(preview).map(cluster => {
            const reasons = refusals.get(cluster);
            return (
              <TableRow key={cluster}>
                <TableCell>{cluster}</TableCell>
                <TableCell align="right">
                  {preview.plan[cluster] ?? 0}
                </TableCell>
                <TableCell align="right">
                  {preview.current[cluster] ?? '–'}
                </TableCell>
                <TableCell align="right">
                  {preview.overflow[cluster] ?? 0}
                </TableCell>
                <TableCell>
                  {reasons ? (
                    <Typography variant="body2" color="error">
                      Refused: {reasons.join('; ')}
                    </Typography>
                  ) : (
                    'OK'
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {preview.totalReplicas} replicas over {preview.targets.length} clusters
        {preview.refusals.length > 0
          ? `; ${preview.refusals.length} refused by the pre-flight, which a deploy would meet too`
          : ''}
        .
      </Typography>
    </>
  );
}

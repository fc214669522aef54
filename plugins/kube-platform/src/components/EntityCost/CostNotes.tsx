import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { EntityCostResponse } from '../../api/costTypes';
import { describeUsageSource, formatInstant, formatRatio } from './costDisplay';

/** Efficiency, where each cluster's usage came from, and the stretches no sample covers. */
export function CostNotes(props: { report: EntityCostResponse }) {
  const { report } = props;
  const sources = Object.entries(report.usageSource).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <Box>
      <Typography variant="body2">
        Efficiency: <strong>{formatRatio(report.efficiency)}</strong>{' '}
        <Typography component="span" variant="caption" color="textSecondary">
          {report.efficiency === null
            ? '(no usage measured: every figure is estimated from requests)'
            : '(cost of measured usage ÷ cost allocated to the measured pods)'}
        </Typography>
      </Typography>
      {sources.length > 0 && (
        <Box marginTop={1}>
          <Typography variant="caption" color="textSecondary" component="div">
            CPU and memory figures by cluster:
          </Typography>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {sources.map(([cluster, source]) => (
              <li key={cluster}>
                <Typography variant="body2">
                  {cluster}: {describeUsageSource(source)}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {report.gaps.length > 0 && (
        <Box marginTop={1}>
          <Alert severity="warning">
            No cost is counted where a cluster was not sampled:
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.gaps.map(gap => (
                <li key={`${gap.cluster}/${gap.from}`}>
                  {gap.cluster}: {formatInstant(gap.from)} to{' '}
                  {formatInstant(gap.to)}
                  {gap.reason ? ` (${gap.reason})` : ''}
                </li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
    </Box>
  );
}

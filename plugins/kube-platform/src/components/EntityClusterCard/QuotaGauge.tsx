import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatOvercommit, isOvercommitted } from '../shared/format';

const useStyles = makeStyles(theme => ({
  gauge: {
    maxWidth: 160,
    margin: '0 auto',
  },
  warning: {
    color: theme.palette.warning.main,
  },
}));

/**
 * Gauge of the quota promised to tenants against the allocatable capacity of
 * a cluster's Ready nodes, with the overcommit ratio below it.
 */
export function QuotaGauge(props: {
  resource: string;
  /** Quota promised, formatted (`6`, `24Gi`). */
  quota: string;
  /** Allocatable capacity, formatted. */
  allocatable: string;
  /** quota / allocatable; `undefined` when nothing is allocatable. */
  overcommit?: number;
}) {
  const classes = useStyles();
  const { overcommit } = props;
  const overcommitted = isOvercommitted(overcommit);
  const percent = overcommit === undefined ? undefined : overcommit * 100;
  return (
    <Box textAlign="center">
      <Typography variant="subtitle2">
        {props.resource} quota allocated
      </Typography>
      {percent === undefined ? (
        <Typography variant="body2" color="textSecondary">
          No allocatable {props.resource} on Ready nodes
        </Typography>
      ) : (
        <Box className={classes.gauge}>
          {/* relativeToMax with a max of at least 100 prints the real percentage (150%) on a full ring when overcommitted. */}
          <Gauge
            value={percent}
            max={Math.max(100, percent)}
            relativeToMax
            decimalDigits={0}
            getColor={({ palette }) =>
              overcommitted ? palette.status.warning : palette.status.ok
            }
          />
        </Box>
      )}
      <Typography variant="body2">
        {props.quota} of {props.allocatable} allocatable
      </Typography>
      <Typography
        variant="caption"
        className={overcommitted ? classes.warning : undefined}
      >
        overcommit {formatOvercommit(overcommit)}
      </Typography>
    </Box>
  );
}

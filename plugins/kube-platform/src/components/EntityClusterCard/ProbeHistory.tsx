import type { ClusterProbe } from '@kube-platform/plugin-kube-platform-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatAge } from '../shared/format';

/** How many of the most recent probes the history shows. */
const PROBES_SHOWN = 20;

const useStyles = makeStyles(theme => ({
  dots: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginBottom: theme.spacing(0.5),
  },
  dot: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: '50%',
  },
  succeeded: {
    backgroundColor: theme.palette.success.main,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
  },
}));

function describeProbe(probe: ClusterProbe): string {
  const outcome = probe.ok ? 'OK' : 'Failed';
  const latency =
    probe.latencyMs === undefined ? '' : `, ${probe.latencyMs} ms`;
  const error = probe.error ? `: ${probe.error}` : '';
  return `${outcome} ${formatAge(probe.time)}${latency}${error}`;
}

/** The most recent health probes of a cluster as green and red dots, oldest first. */
export function ProbeHistory(props: { probes: ClusterProbe[] }) {
  const classes = useStyles();
  const recentProbes = props.probes.slice(-PROBES_SHOWN);
  if (recentProbes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not probed yet
      </Typography>
    );
  }
  const succeeded = recentProbes.filter(probe => probe.ok).length;
  return (
    <>
      <Box className={classes.dots}>
        {recentProbes.map((probe, index) => (
          <Tooltip key={`${probe.time}-${index}`} title={describeProbe(probe)}>
            <span
              role="img"
              aria-label={describeProbe(probe)}
              className={`${classes.dot} ${
                probe.ok ? classes.succeeded : classes.failed
              }`}
            />
          </Tooltip>
        ))}
      </Box>
      <Typography variant="caption" color="textSecondary">
        {succeeded} of {recentProbes.length} recent probes succeeded
      </Typography>
    </>
  );
}

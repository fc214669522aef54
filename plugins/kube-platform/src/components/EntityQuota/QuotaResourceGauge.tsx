import { Gauge, type GaugePropsGetColor } from '@backstage/core-components';
import type {
  QuotaLevel,
  QuotaResourceUsage,
} from '@kube-platform/plugin-kube-platform-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { usageLevelOf, usagePercentOf } from './quotaDisplay';
import { useLevelStyles } from './useLevelStyles';

const useStyles = makeStyles({
  normalGauge: {
    maxWidth: 140,
    margin: '0 auto',
  },
  smallGauge: {
    maxWidth: 90,
    margin: '0 auto',
  },
});

function gaugeColorOf(level: QuotaLevel): GaugePropsGetColor {
  return ({ palette }) => {
    if (level === 'critical') return palette.error.main;
    if (level === 'warning') return palette.warning.main;
    return palette.status.ok;
  };
}

/** Gauge of how much of one ResourceQuota key is used, coloured by its level, with `used of hard` below. */
export function QuotaResourceGauge(props: {
  label: string;
  usage: QuotaResourceUsage;
  size?: 'normal' | 'small';
}) {
  const { usage, size = 'normal' } = props;
  const classes = useStyles();
  const levelClasses = useLevelStyles();
  const level = usageLevelOf(usage);
  const percent = usagePercentOf(usage);
  return (
    <Box textAlign="center">
      <Typography variant="subtitle2">{props.label}</Typography>
      <Box
        className={size === 'small' ? classes.smallGauge : classes.normalGauge}
      >
        {percent === undefined ? (
          <Typography variant="h6" className={levelClasses.criticalText}>
            Over limit
          </Typography>
        ) : (
          // relativeToMax with a max of at least 100 prints the real percentage (120%) on a full ring.
          <Gauge
            value={percent}
            max={Math.max(100, percent)}
            relativeToMax
            decimalDigits={0}
            size={size}
            getColor={gaugeColorOf(level)}
          />
        )}
      </Box>
      <Typography variant="caption" color="textSecondary">
        {usage.used} of {usage.hard}
      </Typography>
    </Box>
  );
}

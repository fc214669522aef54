import type { QuotaLevel } from '@kube-platform/plugin-kube-platform-common';
import Chip from '@material-ui/core/Chip';
import { QUOTA_LEVEL_LABELS } from './quotaDisplay';
import { useLevelStyles } from './useLevelStyles';

/** Chip naming a quota level: plain for ok, warning and error colours above the thresholds. */
export function QuotaLevelChip(props: { level: QuotaLevel }) {
  const classes = useLevelStyles();
  const className = {
    ok: undefined,
    warning: classes.warningChip,
    critical: classes.criticalChip,
  }[props.level];
  return (
    <Chip
      size="small"
      className={className}
      label={QUOTA_LEVEL_LABELS[props.level]}
    />
  );
}

import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { EntityCostResponse } from '../../api/costTypes';
import { formatMoney, formatRatio } from './costDisplay';

type Budget = NonNullable<EntityCostResponse['budget']>;

const LEVEL_LABELS: Record<Budget['level'], string> = {
  ok: 'On budget',
  warning: 'Warning',
  critical: 'Over budget',
};

const useStyles = makeStyles(theme => ({
  ok: { backgroundColor: theme.palette.success.main },
  warning: { backgroundColor: theme.palette.warning.main },
  critical: { backgroundColor: theme.palette.error.main },
  okChip: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warningChip: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  criticalChip: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** The budget level as a coloured chip. */
export function BudgetLevelChip(props: { level: Budget['level'] }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={LEVEL_LABELS[props.level]}
      className={classes[`${props.level}Chip`]}
    />
  );
}

/** Month-to-date spend against the monthly budget, its projection and level. */
export function BudgetGauge(props: { budget: Budget }) {
  const classes = useStyles();
  const { budget } = props;
  const money = (amount: number) => formatMoney(amount, budget.currency);
  const used = budget.monthly > 0 ? budget.monthToDate / budget.monthly : 1;
  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="body2">
          {money(budget.monthToDate)} of {money(budget.monthly)} this month (
          {formatRatio(used)})
        </Typography>
        <BudgetLevelChip level={budget.level} />
      </Box>
      <Box marginY={1}>
        <LinearProgress
          variant="determinate"
          value={Math.min(100, used * 100)}
          aria-label="Budget used this month"
          classes={{ bar: classes[budget.level] }}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Projected for the month: {money(budget.projected)} (
        {formatRatio(
          budget.monthly > 0 ? budget.projected / budget.monthly : null,
        )}{' '}
        of budget)
      </Typography>
    </Box>
  );
}

import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { EntityCostResponse } from '../../api/costTypes';
import { formatMoney, formatRatio } from './costDisplay';

type Budget = NonNullable<EntityCostResponse['budget']>;

// The level is the projection's: from 80 % of the budget a warning, from 100 % critical.
const LEVEL_LABELS: Record<Budget['level'], string> = {
  ok: 'On track',
  warning: 'Projected near budget',
  critical: 'Projected over budget',
};

const useStyles = makeStyles(theme => ({
  ok: { backgroundColor: theme.palette.success.main },
  warning: { backgroundColor: theme.palette.warning.main },
  critical: { backgroundColor: theme.palette.error.main },
  // The buffer variant's dotted remainder reads as loading: a plain track instead.
  track: { backgroundColor: theme.palette.grey[300], borderRadius: 2 },
  hidden: { display: 'none' },
  okProjection: { backgroundColor: theme.palette.success.light },
  warningProjection: { backgroundColor: theme.palette.warning.light },
  criticalProjection: { backgroundColor: theme.palette.error.light },
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
  const projected = budget.monthly > 0 ? budget.projected / budget.monthly : 1;
  return (
    <Box>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="body2">
          {money(budget.monthToDate)} of {money(budget.monthly)} this month (
          {formatRatio(used)})
        </Typography>
        <BudgetLevelChip level={budget.level} />
      </Box>
      <Box marginY={1} className={classes.track}>
        {/* Spent so far solid, the projection for the month as the buffer behind it. */}
        <LinearProgress
          variant="buffer"
          value={Math.min(100, used * 100)}
          valueBuffer={Math.min(100, projected * 100)}
          aria-label="Budget used this month"
          classes={{
            bar1Buffer: classes[budget.level],
            bar2Buffer: classes[`${budget.level}Projection`],
            dashed: classes.hidden,
          }}
        />
      </Box>
      <Typography variant="body2" color="textSecondary">
        Projected for the month: {money(budget.projected)} (
        {formatRatio(projected)} of budget)
      </Typography>
    </Box>
  );
}

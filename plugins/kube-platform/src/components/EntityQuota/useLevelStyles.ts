import { makeStyles } from '@material-ui/core/styles';

/** Text and chip colours of the warning and critical quota levels, from the theme palette. */
export const useLevelStyles = makeStyles(theme => ({
  warningText: {
    color: theme.palette.warning.main,
  },
  criticalText: {
    color: theme.palette.error.main,
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

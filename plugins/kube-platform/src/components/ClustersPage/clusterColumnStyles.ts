import { makeStyles } from '@material-ui/core/styles';

/** Classes the cells of the clusters table use. */
export const useClusterColumnStyles = makeStyles(theme => ({
  labelChip: {
    margin: theme.spacing(0.25),
  },
  warning: {
    color: theme.palette.warning.main,
  },
}));

import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { HEALTH_FILTERS, type HealthFilter } from './clusterFilters';
import type { LabelSelectorQueryResult } from '@kube-platform/plugin-kube-platform-common';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  labelSelectorInput: {
    flex: '1 1 24rem',
  },
  healthInput: {
    minWidth: '10rem',
  },
}));

/** Props of {@link ClusterFilterBar}. */
export interface ClusterFilterBarProps {
  labelSelectorQuery: string;
  setLabelSelectorQuery: (query: string) => void;
  parsedQuery: LabelSelectorQueryResult;
  healthFilter: HealthFilter;
  setHealthFilter: (filter: HealthFilter) => void;
}

/** The label selector and health filter above the clusters table. */
export function ClusterFilterBar(props: ClusterFilterBarProps) {
  const classes = useStyles();
  const { parsedQuery } = props;
  return (
    <Box className={classes.filters}>
      <TextField
        id="kube-platform-clusters-label-selector"
        className={classes.labelSelectorInput}
        label="Label selector"
        placeholder="region=us-west,environment!=staging"
        variant="outlined"
        size="small"
        value={props.labelSelectorQuery}
        onChange={event => props.setLabelSelectorQuery(event.target.value)}
        error={'error' in parsedQuery}
        helperText={
          'error' in parsedQuery
            ? parsedQuery.error
            : 'key=value, key!=value, key in (a,b), key or !key; click a label to add it'
        }
      />
      <TextField
        id="kube-platform-clusters-health"
        className={classes.healthInput}
        select
        label="Health"
        variant="outlined"
        size="small"
        value={props.healthFilter}
        onChange={event =>
          props.setHealthFilter(event.target.value as HealthFilter)
        }
        SelectProps={{ native: true }}
      >
        {HEALTH_FILTERS.map(filter => (
          <option key={filter} value={filter}>
            {filter}
          </option>
        ))}
      </TextField>
    </Box>
  );
}

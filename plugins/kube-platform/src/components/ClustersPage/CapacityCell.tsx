import Typography from '@material-ui/core/Typography';
import { formatOvercommit, isOvercommitted } from '../shared/format';
import { useClusterColumnStyles } from './clusterColumnStyles';

/** Quota against allocatable capacity, with the overcommit ratio flagged when too high. */
export function CapacityCell(props: {
  allocated: string;
  allocatable: string;
  overcommit?: number;
}) {
  const classes = useClusterColumnStyles();
  return (
    <>
      <Typography variant="body2">
        {props.allocated} / {props.allocatable}
      </Typography>
      <Typography
        variant="caption"
        className={
          isOvercommitted(props.overcommit) ? classes.warning : undefined
        }
      >
        overcommit {formatOvercommit(props.overcommit)}
      </Typography>
    </>
  );
}

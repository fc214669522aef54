import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import type { FederatedAppChangeAction } from './useFederatedAppChange';
import { ActionFeedback } from './ActionFeedback';

/** Sets the app's total replicas; the plan spreads them over the clusters by weight. */
export function ScaleAction(props: {
  totalReplicas: number;
  change: FederatedAppChangeAction;
}) {
  const [value, setValue] = useState(String(props.totalReplicas));
  const [state, run] = props.change;
  const replicas = Number(value);
  const valid = value !== '' && Number.isInteger(replicas) && replicas >= 0;
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <TextField
          id="federation-total-replicas"
          label="Total replicas"
          type="number"
          size="small"
          variant="outlined"
          value={value}
          inputProps={{ min: 0, step: 1 }}
          error={!valid}
          helperText={valid ? undefined : 'a whole number, 0 or more'}
          onChange={event => setValue(event.target.value)}
        />
        <Button
          variant="outlined"
          color="primary"
          disabled={!valid || state.loading || replicas === props.totalReplicas}
          onClick={() =>
            run(`Scaled to ${replicas} replicas`, api =>
              api.updateReplicas({ totalReplicas: replicas }),
            )
          }
        >
          Scale
        </Button>
      </Box>
      <ActionFeedback state={state} />
    </Box>
  );
}

import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ActionFeedback } from './ActionFeedback';
import type { FederatedAppChangeAction } from './useFederatedAppChange';

function ClusterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      size="small"
      variant="outlined"
      style={{ minWidth: 130 }}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">Cluster…</option>
      {props.options.map(name => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </TextField>
  );
}

/**
 * Moves the replicas of one cluster to another with surge: the backend scales
 * up on the destination, waits until ready, then scales down the source.
 */
export function MigrateAction(props: {
  /** Clusters that run the app. */
  sources: string[];
  /** Registered clusters the app may move to. */
  destinations: string[];
  change: FederatedAppChangeAction;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [state, run] = props.change;
  const ready = from !== '' && to !== '' && from !== to;
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <ClusterSelect
          id="federation-migrate-from"
          label="From"
          value={from}
          options={props.sources}
          onChange={setFrom}
        />
        <ClusterSelect
          id="federation-migrate-to"
          label="To"
          value={to}
          options={props.destinations.filter(name => name !== from)}
          onChange={setTo}
        />
        <Button
          variant="outlined"
          color="primary"
          disabled={!ready || state.loading}
          onClick={() =>
            run(`Migrated from ${from} to ${to}`, api =>
              api.migrate({ from, to }),
            )
          }
        >
          Migrate
        </Button>
      </Box>
      <ActionFeedback state={state} />
    </Box>
  );
}

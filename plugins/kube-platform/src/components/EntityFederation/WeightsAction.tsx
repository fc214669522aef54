import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import type { ClusterReplicaPreference } from '../../api/federationTypes';
import { ActionFeedback } from './ActionFeedback';
import type { FederatedClusterRow } from './federationDisplay';
import type { FederatedAppChangeAction } from './useFederatedAppChange';

function isWeight(value: string): boolean {
  const weight = Number(value);
  return value !== '' && Number.isInteger(weight) && weight >= 0;
}

/** The weight of each target cluster; bounds (min/max replicas) are kept as they are. */
export function WeightsAction(props: {
  rows: FederatedClusterRow[];
  change: FederatedAppChangeAction;
}) {
  const targets = props.rows.filter(row => row.target);
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      targets.map(row => [row.cluster, String(row.preference?.weight ?? 1)]),
    ),
  );
  const [state, run] = props.change;
  const valid = targets.every(row => isWeight(weights[row.cluster] ?? ''));
  const save = () => {
    const clusters: Record<string, ClusterReplicaPreference> = {};
    for (const row of targets) {
      clusters[row.cluster] = {
        ...row.preference,
        weight: Number(weights[row.cluster]),
      };
    }
    const ratio = targets.map(row => weights[row.cluster]).join(':');
    return run(`Weights set to ${ratio}`, api =>
      api.updateReplicas({ clusters }),
    );
  };
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        {targets.map(row => (
          <TextField
            key={row.cluster}
            id={`federation-weight-${row.cluster}`}
            label={`Weight of ${row.cluster}`}
            type="number"
            size="small"
            variant="outlined"
            style={{ width: 150 }}
            value={weights[row.cluster] ?? ''}
            inputProps={{ min: 0, step: 1 }}
            error={!isWeight(weights[row.cluster] ?? '')}
            onChange={event =>
              setWeights({ ...weights, [row.cluster]: event.target.value })
            }
          />
        ))}
        <Button
          variant="outlined"
          color="primary"
          disabled={!valid || state.loading || targets.length === 0}
          onClick={save}
        >
          Save weights
        </Button>
      </Box>
      <ActionFeedback state={state} />
    </Box>
  );
}

import Grid from '@material-ui/core/Grid';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { FederatedAppDetails } from '../../api/federationTypes';
import { Field } from '../shared/Field';
import { formatAge } from '../shared/format';
import {
  describeFailover,
  plannedTotalOf,
  totalsOf,
} from './federationDisplay';

function failoverText(details: FederatedAppDetails): string {
  const { failover } = details.spec;
  if (!failover?.enabled) {
    return 'off';
  }
  const moved = details.failover?.clusters ?? [];
  if (moved.length === 0) {
    return `on (cooldown ${failover.cooldown}), no cluster failed over`;
  }
  return moved.map(f => `${f.cluster} ${describeFailover(f)}`).join('; ');
}

/** Owner, namespace, replicas summed over every cluster, and the failover state. */
export function FederationSummary(props: { details: FederatedAppDetails }) {
  const { details } = props;
  const totals = totalsOf(details);
  const planned = plannedTotalOf(details);
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={3}>
        <Field label="Owner">
          <EntityRefLink entityRef={details.owner} defaultKind="group" />
        </Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Namespace">{details.namespace}</Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Clusters">{details.clusters.join(', ') || 'none'}</Field>
      </Grid>
      <Grid item xs={6} sm={3}>
        <Field label="Updated">{formatAge(details.updatedAt)}</Field>
      </Grid>
      <Grid item xs={12} sm={6}>
        <Field label="Total replicas">
          <span data-testid="federation-totals">
            {totals.ready}/{totals.desired} ready, {totals.available} available,{' '}
            {totals.updated} updated (planned {planned})
          </span>
        </Field>
      </Grid>
      <Grid item xs={12} sm={6}>
        <Field label="Failover">{failoverText(details)}</Field>
      </Grid>
    </Grid>
  );
}

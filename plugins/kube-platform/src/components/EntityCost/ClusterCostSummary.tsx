import { useApi } from '@backstage/core-plugin-api';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { Field } from '../shared/Field';
import { usePolledAsync } from '../shared/usePolledAsync';
import { formatMoney, formatRatio } from './costDisplay';
import { isForbidden } from './useEntityCost';

/** A cluster's cost over the last 30 days: allocated, idle, efficiency; shown only to those allowed. */
export function ClusterCostSummary(props: {
  clusterName: string;
  /** Defaults to a minute: cost moves with each sample. */
  refreshIntervalMs?: number;
}) {
  const api = useApi(kubePlatformApiRef);
  const { value: cost, error } = usePolledAsync(
    async () => api.getClusterCost(props.clusterName),
    [api, props.clusterName],
    props.refreshIntervalMs ?? 60_000,
  );
  let text: string;
  if (error) {
    text = isForbidden(error)
      ? 'Visible to the cluster owners and platform admins'
      : `Unavailable: ${error.message}`;
  } else if (!cost) {
    text = 'Loading…';
  } else {
    const money = (amount: number) => formatMoney(amount, cost.currency);
    text = `${money(cost.allocated.total)} allocated, ${money(
      cost.idle.total,
    )} idle; efficiency ${formatRatio(cost.efficiency)}`;
  }
  return <Field label="Cost, last 30 days">{text}</Field>;
}

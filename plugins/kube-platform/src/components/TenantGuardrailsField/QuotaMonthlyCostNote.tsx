import { useApiHolder } from '@backstage/core-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { QuotaMonthlyCost } from '@kube-platform/plugin-kube-platform-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { useSettled } from '../shared/useSettled';
import { tenantRequestFromFormData } from './tenantRequestFromFormData';

/** `439.20 USD`: two decimals, grouped thousands, the ISO code after. */
export function formatMonthlyCost(cost: QuotaMonthlyCost): string {
  const amount = cost.amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${amount} ${cost.currency}`;
}

/**
 * What the requested quota costs a month at full use, with the cluster's
 * prices, as the backend's guard rails price it. Shows nothing while the form
 * is incomplete, when the check fails (the field's validator reports why) or
 * when the backend does not price clusters.
 */
export function QuotaMonthlyCostNote(props: {
  form: JsonObject;
  debounceMs: number;
}) {
  const api = useApiHolder().get(kubePlatformApiRef);
  const request = tenantRequestFromFormData(props.form);
  const requestJson = request ? JSON.stringify(request) : undefined;
  const settled = useSettled(requestJson, props.debounceMs);
  const estimate = useAsync(async () => {
    if (!api || !settled) return undefined;
    const report = await api.checkTenantGuardrails(JSON.parse(settled));
    return report.monthlyCostAtFullUse;
  }, [api, settled]);
  const cost = estimate.value;
  if (!cost) return null;
  return (
    <>
      <Typography variant="body2" data-testid="quota-monthly-cost">
        At full use this quota costs about {formatMonthlyCost(cost)} per month
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {cost.basis}, at the cluster's prices
      </Typography>
    </>
  );
}

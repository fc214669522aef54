import { InfoCard, Progress } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { MONTHLY_BUDGET_ANNOTATION } from '@kube-platform/plugin-kube-platform-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import type { EntityCostResponse } from '../../api/costTypes';
import { KUBERNETES_NAMESPACE_ANNOTATION } from '../EntityQuota/isQuotaAvailable';
import { DEFAULT_REFRESH_INTERVAL_MS } from '../shared/usePolledAsync';
import { BudgetGauge } from './BudgetGauge';
import { CostBreakdownTable } from './CostBreakdownTable';
import { CostChart } from './CostChart';
import { type CostChoices, CostControls } from './CostControls';
import { formatMoney } from './costDisplay';
import { CostNotes } from './CostNotes';
import { CostEmptyState, CostError } from './CostStates';
import { COST_WINDOWS, costQueryOf } from './costWindows';
import { isCostAvailable, isGroup } from './isCostAvailable';
import { useCostCsvDownload } from './useCostCsvDownload';
import { useEntityCost } from './useEntityCost';

/** Props of {@link EntityCostContent}. */
export interface EntityCostContentProps {
  /** How often to reload cost, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function CostReport(props: {
  report: EntityCostResponse;
  windowLabel: string;
}) {
  const { report } = props;
  const money = (amount: number) => formatMoney(amount, report.currency);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={`${money(
            report.total.total,
          )} over the ${props.windowLabel.toLocaleLowerCase('en-US')}`}
          subheader={`CPU ${money(report.total.cpu)}, memory ${money(
            report.total.memory,
          )}, storage ${money(report.total.storage)}; per ${report.step}`}
        >
          <CostChart report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Budget and efficiency">
          {report.budget ? (
            <BudgetGauge budget={report.budget} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No monthly budget set (annotation {MONTHLY_BUDGET_ANNOTATION}).
            </Typography>
          )}
          <Typography component="div" style={{ marginTop: 16 }}>
            <CostNotes report={report} />
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={`Breakdown by ${report.groupBy}`}>
          <CostBreakdownTable report={report} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

function CostOverview(props: { entity: Entity; refreshIntervalMs: number }) {
  const { entity } = props;
  const [choices, setChoices] = useState<CostChoices>({
    window: '30d',
    groupBy: 'cluster',
    includeChildren: false,
  });
  // The window ends "now" when chosen; polling keeps it until the next choice.
  const query = useMemo(
    () =>
      costQueryOf(
        choices.window,
        choices.groupBy,
        choices.includeChildren,
        Date.now(),
      ),
    [choices],
  );
  const { value: report, error } = useEntityCost(
    entity,
    query,
    props.refreshIntervalMs,
  );
  const { download, downloading } = useCostCsvDownload(entity, query);
  const windowLabel =
    COST_WINDOWS.find(w => w.id === choices.window)?.label ?? '';
  let body;
  if (error) body = <CostError error={error} />;
  else if (!report) body = <Progress />;
  else if (report.series.length === 0 && report.breakdown.length === 0) {
    body = (
      <CostEmptyState
        entityTitle={entity.metadata.title ?? entity.metadata.name}
      />
    );
  } else body = <CostReport report={report} windowLabel={windowLabel} />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <CostControls
          choices={choices}
          onChange={setChoices}
          showIncludeChildren={isGroup(entity)}
          onDownload={download}
          downloading={downloading}
        />
      </Grid>
      <Grid item xs={12}>
        {body}
      </Grid>
    </Grid>
  );
}

/**
 * Entity tab of cost: a stacked chart of CPU, memory and storage over a
 * window, a breakdown by cluster, namespace, workload or resource, the budget
 * with its projection, efficiency, where usage came from, gaps and a CSV.
 */
export function EntityCostContent(props: EntityCostContentProps) {
  const { entity } = useEntity();
  if (!isCostAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBERNETES_NAMESPACE_ANNOTATION}
      />
    );
  }
  return (
    <CostOverview
      entity={entity}
      refreshIntervalMs={props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS}
    />
  );
}

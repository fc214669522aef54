import { InfoCard, Progress } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { KUBERNETES_NAMESPACE_ANNOTATION } from '../EntityQuota/isQuotaAvailable';
import { DEFAULT_REFRESH_INTERVAL_MS } from '../shared/usePolledAsync';
import { BudgetGauge } from './BudgetGauge';
import { formatMoney } from './costDisplay';
import { CostEmptyState, CostError } from './CostStates';
import { costQueryOf } from './costWindows';
import { isCostAvailable } from './isCostAvailable';
import { useEntityCost } from './useEntityCost';

/** Props of {@link EntityCostCard}. */
export interface EntityCostCardProps {
  /** How often to reload cost, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function CostCardContent(props: { entity: Entity; refreshIntervalMs: number }) {
  const query = useMemo(
    () => costQueryOf('mtd', 'cluster', false, Date.now()),
    [],
  );
  const { value: report, error } = useEntityCost(
    props.entity,
    query,
    props.refreshIntervalMs,
  );
  if (error) return <CostError error={error} />;
  if (!report) return <Progress />;
  if (report.series.length === 0 && report.breakdown.length === 0) {
    return (
      <CostEmptyState
        entityTitle={props.entity.metadata.title ?? props.entity.metadata.name}
      />
    );
  }
  return (
    <>
      <Typography variant="h4" component="p">
        {formatMoney(report.total.total, report.currency)}
      </Typography>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        Month to date: CPU {formatMoney(report.total.cpu, report.currency)},
        memory {formatMoney(report.total.memory, report.currency)}, storage{' '}
        {formatMoney(report.total.storage, report.currency)}
      </Typography>
      {report.budget ? (
        <BudgetGauge budget={report.budget} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No monthly budget set.
        </Typography>
      )}
    </>
  );
}

/** Overview card of cost: month to date, and the budget with its projection and level. */
export function EntityCostCard(props: EntityCostCardProps) {
  const { entity } = useEntity();
  if (!isCostAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBERNETES_NAMESPACE_ANNOTATION}
      />
    );
  }
  return (
    <InfoCard title="Cost">
      <CostCardContent
        entity={entity}
        refreshIntervalMs={
          props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS
        }
      />
    </InfoCard>
  );
}

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_REFRESH_INTERVAL_MS } from '../shared/usePolledAsync';
import {
  isQuotaAvailable,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from './isQuotaAvailable';
import { NamespaceQuotaGauges } from './NamespaceQuotaGauges';
import { NamespaceQuotaTable } from './NamespaceQuotaTable';
import {
  describeNamespace,
  partitionByQuota,
  worstLevelOf,
} from './quotaDisplay';
import { QuotaEmptyState } from './QuotaEmptyState';
import { QuotaLevelChip } from './QuotaLevelChip';
import { useEntityQuota } from './useEntityQuota';

/** Props of {@link EntityQuotaContent}. */
export interface EntityQuotaContentProps {
  /** How often to reload usage, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function QuotaOverview(props: { entity: Entity; refreshIntervalMs: number }) {
  const { value: quota, error } = useEntityQuota(
    props.entity,
    props.refreshIntervalMs,
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!quota) {
    return <Progress />;
  }
  const { withQuota, withoutQuota } = partitionByQuota(quota.namespaces);
  if (withQuota.length === 0) {
    return (
      <QuotaEmptyState
        entityTitle={props.entity.metadata.title ?? props.entity.metadata.name}
        namespacesWithoutQuota={withoutQuota}
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {withQuota.map(usage => (
        <Grid
          container
          item
          xs={12}
          spacing={3}
          key={`${usage.cluster}/${usage.namespace}`}
        >
          <Grid item xs={12} md={5}>
            <InfoCard
              title={usage.namespace}
              subheader={`Cluster ${usage.cluster}${
                usage.tenant ? `, tenant ${usage.tenant}` : ''
              }`}
              action={<QuotaLevelChip level={worstLevelOf(usage.resources)} />}
            >
              <NamespaceQuotaGauges usage={usage} />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <NamespaceQuotaTable usage={usage} />
          </Grid>
        </Grid>
      ))}
      {withoutQuota.length > 0 && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            Without a ResourceQuota:{' '}
            {withoutQuota.map(describeNamespace).join(', ')}
          </Typography>
        </Grid>
      )}
    </Grid>
  );
}

/**
 * Entity tab of ResourceQuota usage: per namespace and cluster, gauges of the
 * key resources and a table of every limited resource, coloured from 80 % and 90 %.
 */
export function EntityQuotaContent(props: EntityQuotaContentProps) {
  const { entity } = useEntity();
  if (!isQuotaAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBERNETES_NAMESPACE_ANNOTATION}
      />
    );
  }
  return (
    <QuotaOverview
      entity={entity}
      refreshIntervalMs={props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS}
    />
  );
}

import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
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

/** Props of {@link EntityQuotaCard}. */
export interface EntityQuotaCardProps {
  /** How often to reload usage, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function QuotaCardContent(props: {
  entity: Entity;
  refreshIntervalMs: number;
}) {
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
    <>
      {withQuota.map(usage => (
        <Box key={`${usage.cluster}/${usage.namespace}`} marginBottom={3}>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            marginBottom={1}
          >
            <Typography variant="h6" component="h3">
              {describeNamespace(usage)}
            </Typography>
            <QuotaLevelChip level={worstLevelOf(usage.resources)} />
          </Box>
          <NamespaceQuotaGauges usage={usage} size="small" />
          <Box marginTop={1}>
            <NamespaceQuotaTable usage={usage} />
          </Box>
        </Box>
      ))}
    </>
  );
}

/**
 * Card of ResourceQuota usage of an entity's namespaces, for Group and
 * Component overview pages: small gauges and a table per namespace and cluster.
 */
export function EntityQuotaCard(props: EntityQuotaCardProps) {
  const { entity } = useEntity();
  if (!isQuotaAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBERNETES_NAMESPACE_ANNOTATION}
      />
    );
  }
  return (
    <InfoCard title="Kubernetes quota" subheader="ResourceQuota usage">
      <QuotaCardContent
        entity={entity}
        refreshIntervalMs={
          props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS
        }
      />
    </InfoCard>
  );
}

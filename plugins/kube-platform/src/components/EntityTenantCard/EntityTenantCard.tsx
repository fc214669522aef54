import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  type TenantDetails,
} from '@kube-platform/plugin-kube-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { formatAge } from '../shared/format';
import {
  DEFAULT_REFRESH_INTERVAL_MS,
  usePolledAsync,
} from '../shared/usePolledAsync';
import { IsolationReportView } from './IsolationReportView';
import {
  isTenantAvailable,
  tenantRefOf,
  type TenantRef,
} from './isTenantAvailable';
import { KubeconfigDownload } from './KubeconfigDownload';
import { TenantObjectsList } from './TenantObjectsList';
import { Field } from '../shared/Field';

/** Props of {@link EntityTenantCard}. */
export interface EntityTenantCardProps {
  /** How often to reload the tenant, in milliseconds; 0 disables auto-refresh. Defaults to 10 s. */
  refreshIntervalMs?: number;
}

function IsolationVerification(props: { tenantRef: TenantRef; owner: string }) {
  const api = useApi(kubePlatformApiRef);
  const { cluster, name } = props.tenantRef;
  const [verification, verify] = useAsyncFn(
    () => api.verifyTenant(cluster, name),
    [api, cluster, name],
  );
  let result: ReactNode = null;
  if (verification.loading) {
    result = <Progress />;
  } else if (verification.error) {
    result = <ResponseErrorPanel error={verification.error} />;
  } else if (verification.value) {
    result = <IsolationReportView report={verification.value} />;
  }
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={16} marginBottom={1}>
        <Button
          variant="outlined"
          color="primary"
          disabled={verification.loading}
          onClick={() => verify()}
        >
          Verify isolation
        </Button>
        <KubeconfigDownload tenantRef={props.tenantRef} owner={props.owner} />
        <Typography variant="caption" color="textSecondary">
          Checks network policies, RBAC and Pod Security against the live
          cluster.
        </Typography>
      </Box>
      {result}
    </>
  );
}

function TenantSummary(props: { tenant: TenantDetails }) {
  const { tenant } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={4}>
        <Field label="Owner">
          <EntityRefLink entityRef={tenant.owner} defaultKind="group" />
        </Field>
      </Grid>
      <Grid item xs={6} sm={4}>
        <Field label="Environment">{tenant.environment}</Field>
      </Grid>
      <Grid item xs={6} sm={4}>
        <Field label="Cost center">{tenant.costCenter}</Field>
      </Grid>
      <Grid item xs={6} sm={4}>
        <Field label="Namespace">{tenant.namespace}</Field>
      </Grid>
      <Grid item xs={6} sm={4}>
        <Field label="Phase">{tenant.phase}</Field>
      </Grid>
      <Grid item xs={6} sm={4}>
        <Field label="Provisioned">{formatAge(tenant.createdAt)}</Field>
      </Grid>
      <Grid item xs={12}>
        <Field label="Managed objects">
          <TenantObjectsList objects={tenant.objects} />
        </Field>
      </Grid>
    </Grid>
  );
}

function TenantCard(props: {
  tenantRef: TenantRef;
  refreshIntervalMs: number;
}) {
  const api = useApi(kubePlatformApiRef);
  const { cluster, name } = props.tenantRef;
  // Wrapped so that a 404 (undefined) is told apart from "not loaded yet" while polling.
  const { value: lookup, error } = usePolledAsync(
    async () => ({ tenant: await api.getTenant(cluster, name) }),
    [api, cluster, name],
    props.refreshIntervalMs,
  );
  let details: ReactNode;
  if (error) {
    details = <ResponseErrorPanel error={error} />;
  } else if (!lookup) {
    details = <Progress />;
  } else if (!lookup.tenant) {
    details = (
      <EmptyState
        missing="data"
        title={`Tenant ${name} is not provisioned on ${cluster}`}
        description={`Kube Platform manages no tenant named "${name}" on cluster "${cluster}". Check the ${KUBE_PLATFORM_ANNOTATIONS.tenant} annotation, or request the tenant again.`}
      />
    );
  } else {
    details = <TenantSummary tenant={lookup.tenant} />;
  }
  return (
    <InfoCard title="Kube Platform tenant" subheader={`${name} on ${cluster}`}>
      {details}
      {lookup?.tenant && (
        <Box marginTop={2}>
          <IsolationVerification
            tenantRef={props.tenantRef}
            owner={lookup.tenant.owner}
          />
        </Box>
      )}
    </InfoCard>
  );
}

/**
 * Card for a tenant's `kubernetes-namespace` Resource entity: owner and
 * environment, whether each managed object is present, drifted or missing,
 * and a "Verify isolation" action showing every check with its evidence.
 */
export function EntityTenantCard(props: EntityTenantCardProps) {
  const { entity } = useEntity();
  const tenantRef = tenantRefOf(entity);
  if (!isTenantAvailable(entity) || !tenantRef) {
    return (
      <MissingAnnotationEmptyState
        annotation={KUBE_PLATFORM_ANNOTATIONS.tenant}
      />
    );
  }
  return (
    <TenantCard
      key={`${tenantRef.cluster}/${tenantRef.name}`}
      tenantRef={tenantRef}
      refreshIntervalMs={props.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS}
    />
  );
}

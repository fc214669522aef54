import { InfoCard } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubePlatformFederationUpdatePermission } from '@kube-platform/plugin-kube-platform-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { FederatedAppDetails } from '../../api/federationTypes';
import { plannedTotalOf, type FederatedClusterRow } from './federationDisplay';
import type { FederatedAppRef } from './isFederatedAppAvailable';
import { MigrateAction } from './MigrateAction';
import { ScaleAction } from './ScaleAction';
import { useFederatedAppChange } from './useFederatedAppChange';
import { WeightsAction } from './WeightsAction';

function Section(props: {
  title: string;
  width: 3 | 4 | 5;
  children: React.ReactNode;
}) {
  return (
    <Grid item xs={12} md={props.width}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Grid>
  );
}

function Actions(props: {
  appRef: FederatedAppRef;
  details: FederatedAppDetails;
  rows: FederatedClusterRow[];
  registeredClusters: string[];
  onChanged: () => void;
}) {
  const { appRef, details, rows, onChanged } = props;
  const scale = useFederatedAppChange(appRef, onChanged);
  const weights = useFederatedAppChange(appRef, onChanged);
  const migrate = useFederatedAppChange(appRef, onChanged);
  const total =
    details.spec.replicaScheduling?.totalReplicas ?? plannedTotalOf(details);
  const sources = rows
    .filter(row => row.planned > 0 || (row.status?.desiredReplicas ?? 0) > 0)
    .map(row => row.cluster);
  const destinations = [
    ...new Set([...props.registeredClusters, ...rows.map(row => row.cluster)]),
  ];
  return (
    <Grid container spacing={3}>
      <Section title="Scale" width={3}>
        <ScaleAction key={total} totalReplicas={total} change={scale} />
      </Section>
      <Section title="Weights" width={5}>
        <WeightsAction
          key={rows.map(r => `${r.cluster}=${r.preference?.weight}`).join()}
          rows={rows}
          change={weights}
        />
      </Section>
      <Section title="Migrate" width={4}>
        <MigrateAction
          sources={sources}
          destinations={destinations}
          change={migrate}
        />
      </Section>
    </Grid>
  );
}

/**
 * Scale, weights and migrate, for those the permission policy lets change the
 * app (members of its owner group); others see who may.
 */
export function FederationActions(props: {
  appRef: FederatedAppRef;
  details: FederatedAppDetails;
  rows: FederatedClusterRow[];
  registeredClusters: string[];
  onChanged: () => void;
}) {
  const { namespace, name } = props.appRef;
  const permission = usePermission({
    permission: kubePlatformFederationUpdatePermission,
    resourceRef: `${namespace}/${name}`,
  });
  let body: React.ReactNode;
  // Nothing while the decision loads: buttons that then answer 403 would mislead.
  if (permission.loading) {
    body = null;
  } else if (!permission.allowed) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Only members of {props.details.owner} can scale, reweigh or migrate this
        app.
      </Typography>
    );
  } else {
    body = <Actions {...props} />;
  }
  return <InfoCard title="Change">{body}</InfoCard>;
}

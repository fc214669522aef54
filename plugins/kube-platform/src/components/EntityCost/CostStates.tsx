import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { isForbidden } from './useEntityCost';

/** Nothing sampled yet for the window: says when samples come. */
export function CostEmptyState(props: { entityTitle: string }) {
  return (
    <EmptyState
      missing="data"
      title="No cost recorded yet"
      description={`Nothing has been recorded for ${props.entityTitle} in this window. Kube Platform samples the pods of its tenants at a fixed interval (kubePlatform.cost.sampleFrequency, every 60 s by default); cost appears after the first sample of a running pod.`}
    />
  );
}

/** A refused read explained, any other error as the backend sent it. */
export function CostError(props: { error: Error }) {
  if (isForbidden(props.error)) {
    return (
      <EmptyState
        missing="info"
        title="You cannot see this cost"
        description="Cost is shown to members of the owning group and to platform admins (permission kube-platform.cost.read)."
      />
    );
  }
  return <ResponseErrorPanel error={props.error} />;
}

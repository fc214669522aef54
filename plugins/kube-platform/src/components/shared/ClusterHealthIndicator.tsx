import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { ClusterHealthStatus } from '@kube-platform/plugin-kube-platform-common';

/** Status indicator for a cluster's health: green Ready, red NotReady, grey Unknown. */
export function ClusterHealthIndicator(props: { status: ClusterHealthStatus }) {
  switch (props.status) {
    case 'Ready':
      return <StatusOK>Ready</StatusOK>;
    case 'NotReady':
      return <StatusError>NotReady</StatusError>;
    default:
      return <StatusPending>Unknown</StatusPending>;
  }
}

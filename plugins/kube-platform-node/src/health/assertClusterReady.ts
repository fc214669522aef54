import { ServiceUnavailableError } from '@backstage/errors';
import {
  type ClusterHealth,
  describeClusterHealth,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * Fails a request at once, with 503 and the cluster's health in the message
 * (status, since when, reason, last error), when the health monitor has turned
 * the cluster NotReady. A cluster not yet probed (Unknown) passes: its calls
 * are still bounded by the request timeout.
 */
export function assertClusterReady(
  clusterHealth: { getHealth(name: string): ClusterHealth },
  cluster: string,
): void {
  const health = clusterHealth.getHealth(cluster);
  if (health.status === 'NotReady') {
    throw new ServiceUnavailableError(describeClusterHealth(cluster, health));
  }
}

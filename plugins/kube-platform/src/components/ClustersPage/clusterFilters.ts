import {
  matchesLabelSelector,
  type ClusterHealthStatus,
  type ClusterStatus,
  type LabelSelectorQueryResult,
} from '@kube-platform/plugin-kube-platform-common';

/** Health statuses the table can be narrowed to, or every cluster. */
export type HealthFilter = 'All' | ClusterHealthStatus;

/** The choices of the health filter, in the order offered. */
export const HEALTH_FILTERS: HealthFilter[] = [
  'All',
  'Ready',
  'NotReady',
  'Unknown',
];

/** Adds a `key=value` requirement to a label selector query unless it is there already. */
export function addLabelRequirement(
  query: string,
  requirement: string,
): string {
  const requirements = query
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
  return requirements.includes(requirement)
    ? query
    : [...requirements, requirement].join(',');
}

/**
 * The clusters of the given health that match the label selector; an invalid selector
 * narrows nothing (the filter bar shows its error instead).
 */
export function filterClusters(
  clusters: ClusterStatus[],
  healthFilter: HealthFilter,
  parsedQuery: LabelSelectorQueryResult,
): ClusterStatus[] {
  return clusters.filter(
    cluster =>
      (healthFilter === 'All' || cluster.health.status === healthFilter) &&
      ('error' in parsedQuery ||
        matchesLabelSelector(cluster.labels, parsedQuery.selector)),
  );
}

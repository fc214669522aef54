import { useCallback, useMemo, useState } from 'react';
import { addLabelRequirement, type HealthFilter } from './clusterFilters';
import { parseLabelSelectorQuery } from '@kube-platform/plugin-kube-platform-common';

/** State of the clusters table's filters: the label selector typed and the health chosen. */
export function useClusterFilters() {
  const [labelSelectorQuery, setLabelSelectorQuery] = useState('');
  const [healthFilter, setHealthFilter] = useState<HealthFilter>('All');
  const parsedQuery = useMemo(
    () => parseLabelSelectorQuery(labelSelectorQuery),
    [labelSelectorQuery],
  );
  const addLabel = useCallback(
    (requirement: string) =>
      setLabelSelectorQuery(query => addLabelRequirement(query, requirement)),
    [],
  );
  return {
    labelSelectorQuery,
    setLabelSelectorQuery,
    parsedQuery,
    healthFilter,
    setHealthFilter,
    addLabel,
  };
}

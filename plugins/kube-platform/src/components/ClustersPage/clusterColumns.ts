import type { TableColumn } from '@backstage/core-components';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import { clusterCapacityColumns } from './capacityColumns';
import { clusterIdentityColumns } from './identityColumns';
import { clusterMetadataColumns } from './metadataColumns';

/** What the columns of the clusters table need from the table. */
export interface ClusterColumnOptions {
  /** Called with `key=value` when a label chip is clicked. */
  onLabelClick: (requirement: string) => void;
  labelChipClassName: string;
  warningClassName: string;
}

/**
 * Columns of the clusters table, built afresh on each call since the table annotates
 * the column objects it is given.
 */
export function clusterColumns(
  options: ClusterColumnOptions,
): TableColumn<ClusterStatus>[] {
  return [
    ...clusterIdentityColumns(),
    ...clusterCapacityColumns(options),
    ...clusterMetadataColumns(options),
  ];
}

import type { TableColumn } from '@backstage/core-components';
import {
  formatBytes,
  formatCpu,
  type ClusterStatus,
} from '@kube-platform/plugin-kube-platform-common';
import { CapacityCell } from './CapacityCell';

/** Sorts by an optional number, clusters without one last. */
function compareOptional(a: number | undefined, b: number | undefined): number {
  return (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);
}

function nodesReadyColumn(
  warningClassName: string,
): TableColumn<ClusterStatus> {
  return {
    title: 'Nodes Ready',
    field: 'capacity.nodesReady',
    render: ({ capacity }) => (
      <span
        className={
          capacity.nodesReady < capacity.nodesTotal
            ? warningClassName
            : undefined
        }
      >
        {capacity.nodesReady}/{capacity.nodesTotal}
      </span>
    ),
  };
}

function cpuColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'CPU quota / allocatable',
    field: 'capacity.cpuOvercommit',
    customSort: (a, b) =>
      compareOptional(a.capacity.cpuOvercommit, b.capacity.cpuOvercommit),
    render: ({ capacity }) => (
      <CapacityCell
        allocated={formatCpu(capacity.quotaCpu)}
        allocatable={formatCpu(capacity.allocatableCpu)}
        overcommit={capacity.cpuOvercommit}
      />
    ),
  };
}

function memoryColumn(): TableColumn<ClusterStatus> {
  return {
    title: 'Memory quota / allocatable',
    field: 'capacity.memoryOvercommit',
    customSort: (a, b) =>
      compareOptional(a.capacity.memoryOvercommit, b.capacity.memoryOvercommit),
    render: ({ capacity }) => (
      <CapacityCell
        allocated={formatBytes(capacity.quotaMemory)}
        allocatable={formatBytes(capacity.allocatableMemory)}
        overcommit={capacity.memoryOvercommit}
      />
    ),
  };
}

/** Columns of a cluster's capacity: ready nodes, and CPU and memory quota against allocatable. */
export function clusterCapacityColumns(options: {
  warningClassName: string;
}): TableColumn<ClusterStatus>[] {
  return [
    nodesReadyColumn(options.warningClassName),
    cpuColumn(),
    memoryColumn(),
  ];
}

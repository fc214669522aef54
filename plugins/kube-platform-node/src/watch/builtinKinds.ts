import { defineWatchedKind } from './WatchedKind';
import { trimNamespace, trimNode, trimResourceQuota } from './trim';

/** Namespaces: tenants, ownership labels and phase. */
export const namespacesKind = defineWatchedKind({
  id: 'namespaces',
  apiVersion: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  namespaced: false,
  trim: trimNamespace,
});

/** ResourceQuotas: hard and used amounts, for quota usage and capacity. */
export const resourceQuotasKind = defineWatchedKind({
  id: 'resourcequotas',
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  namespaced: true,
  trim: trimResourceQuota,
});

/** Nodes: readiness and allocatable resources, for capacity. */
export const nodesKind = defineWatchedKind({
  id: 'nodes',
  apiVersion: 'v1',
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
  trim: trimNode,
});

/** The kinds every cluster cache holds without any registration. */
export const BUILTIN_WATCHED_KINDS = [
  namespacesKind,
  resourceQuotasKind,
  nodesKind,
] as const;

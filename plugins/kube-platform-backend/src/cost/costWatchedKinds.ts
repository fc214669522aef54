import { defineWatchedKind } from '@kube-platform/plugin-kube-platform-node';
import { trimPersistentVolumeClaim } from './trimPersistentVolumeClaim';
import { trimPod } from './trimPod';

/** Pods of every namespace, trimmed to what cost allocation reads. */
export const costPodsKind = defineWatchedKind({
  id: 'cost-pods',
  apiVersion: 'v1',
  kind: 'Pod',
  plural: 'pods',
  namespaced: true,
  pageSize: 500,
  trim: trimPod,
});

/** PersistentVolumeClaims of every namespace: class, capacity, phase, volume. */
export const costClaimsKind = defineWatchedKind({
  id: 'cost-persistentvolumeclaims',
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  namespaced: true,
  trim: trimPersistentVolumeClaim,
});

/** The kinds cost registers through the watched-kinds extension point. */
export const COST_WATCHED_KINDS = [costPodsKind, costClaimsKind] as const;

import type { CostPersistentVolumeClaim } from '@kube-platform/plugin-kube-platform-common';
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';

/** What the cost cache keeps of a PersistentVolumeClaim. */
export interface CachedPersistentVolumeClaim extends CostPersistentVolumeClaim {
  /** The bound PersistentVolume, if any. */
  volumeName?: string;
}

function epochMs(time: Date | string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const ms = new Date(time).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Trims a claim to class, capacity (the bound volume's, else the request), phase and volume. */
export function trimPersistentVolumeClaim(
  claim: V1PersistentVolumeClaim,
): CachedPersistentVolumeClaim {
  const capacity =
    claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage;
  const trimmed: CachedPersistentVolumeClaim = {
    namespace: claim.metadata?.namespace ?? '',
    name: claim.metadata?.name ?? '',
    phase: claim.status?.phase ?? 'Pending',
  };
  if (capacity !== undefined) trimmed.capacity = capacity;
  if (claim.spec?.storageClassName) {
    trimmed.storageClass = claim.spec.storageClassName;
  }
  if (claim.spec?.volumeName) trimmed.volumeName = claim.spec.volumeName;
  const createdAt = epochMs(claim.metadata?.creationTimestamp);
  if (createdAt !== undefined) trimmed.createdAt = createdAt;
  const deletedAt = epochMs(claim.metadata?.deletionTimestamp);
  if (deletedAt !== undefined) trimmed.deletedAt = deletedAt;
  return trimmed;
}

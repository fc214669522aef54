import { KUBE_PLATFORM_MANAGER } from '@kube-platform/plugin-kube-platform-common';
import type { ManifestApplier } from '../apply/ManifestApplier';
import {
  type EngineObjectResult,
  type EngineProgressListener,
  type ObjectRef,
  refKey,
  resultOf,
} from './types';

/**
 * Deletes what was applied before (the inventory) and is no longer desired.
 * An object that no longer carries our managed-by label was taken over by
 * someone else since: it is left alone and reported skipped.
 */
export async function pruneByInventory(
  applier: ManifestApplier,
  cluster: string,
  previous: ObjectRef[],
  desired: ObjectRef[],
  onProgress: EngineProgressListener,
): Promise<EngineObjectResult[]> {
  const wanted = new Set(desired.map(refKey));
  const results: EngineObjectResult[] = [];
  for (const ref of previous.filter(r => !wanted.has(refKey(r)))) {
    const live = await applier.read({
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      metadata: ref,
    });
    let result: EngineObjectResult;
    if (!live) {
      result = resultOf(cluster, ref, 'skipped', 'already gone');
    } else if (
      live.metadata?.labels?.['app.kubernetes.io/managed-by'] !==
      KUBE_PLATFORM_MANAGER
    ) {
      result = resultOf(
        cluster,
        ref,
        'skipped',
        'no longer managed by kube-platform; left alone',
      );
    } else {
      await applier.delete({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: ref,
      });
      result = resultOf(cluster, ref, 'deleted', 'no longer desired');
    }
    results.push(result);
    onProgress(result);
  }
  return results;
}

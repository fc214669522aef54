import {
  apiErrorMessage,
  type ManifestApplier,
} from '../apply/ManifestApplier';
import {
  conflictMessage,
  FieldOwnershipConflictError,
  parseFieldConflicts,
} from './applyConflicts';
import {
  type DesiredClusterObjects,
  type EngineObjectResult,
  type EngineProgressListener,
  refKey,
  refOf,
  resultOf,
} from './types';

/** Applying stopped part-way on one cluster; the results list what was applied. */
export class ApplyFailedError extends Error {
  readonly name = 'ApplyFailedError';
  constructor(
    message: string,
    readonly cluster: string,
    readonly results: EngineObjectResult[],
  ) {
    super(message);
  }
}

/**
 * Server-side applies the objects in order without taking fields other
 * managers own (unless `reclaim`). The first failure stops the run: the rest
 * are reported skipped, and the error carries every result so far.
 */
export async function applyInOrder(
  applier: ManifestApplier,
  desired: DesiredClusterObjects,
  options: {
    reclaim: boolean;
    onProgress: EngineProgressListener;
    already?: EngineObjectResult[];
    /** Objects (by `refKey`) the pre-flight found missing: applied without a read first. */
    absent?: ReadonlySet<string>;
  },
): Promise<EngineObjectResult[]> {
  const { cluster, objects } = desired;
  const done = new Map(
    (options.already ?? []).map(r => [`${r.kind}/${r.namespace}/${r.name}`, r]),
  );
  const results: EngineObjectResult[] = [];
  for (const [index, manifest] of objects.entries()) {
    const ref = refOf(manifest);
    try {
      const { outcome } = await applier.apply(manifest, {
        force: options.reclaim,
        knownAbsent: options.absent?.has(refKey(ref)),
      });
      const earlier = done.get(`${ref.kind}/${ref.namespace}/${ref.name}`);
      const result = resultOf(
        cluster,
        ref,
        earlier && outcome === 'unchanged' ? earlier.outcome : outcome,
      );
      results.push(result);
      options.onProgress(result);
    } catch (error) {
      const conflicts = parseFieldConflicts(error);
      const failed = resultOf(
        cluster,
        ref,
        'failed',
        conflicts ? conflictMessage(conflicts) : apiErrorMessage(error),
      );
      results.push(failed);
      options.onProgress(failed);
      results.push(
        ...objects
          .slice(index + 1)
          .map(m => resultOf(cluster, refOf(m), 'skipped')),
      );
      if (conflicts) {
        throw new FieldOwnershipConflictError(cluster, ref, conflicts, results);
      }
      throw new ApplyFailedError(
        `Applying ${ref.kind}/${ref.name} to '${cluster}' failed: ${failed.message}. Retry the request to converge.`,
        cluster,
        results,
      );
    }
  }
  return results;
}

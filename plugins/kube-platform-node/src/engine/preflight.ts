import { InputError } from '@backstage/errors';
import type { KubernetesManifest } from '@kube-platform/plugin-kube-platform-common';
import {
  answeredCreated,
  apiErrorMessage,
  type ManifestApplier,
} from '../apply/ManifestApplier';
import { isClusterTimeout } from '../timeouts/ClusterTimeoutError';
import {
  conflictMessage,
  FieldOwnershipConflictError,
  parseFieldConflicts,
} from './applyConflicts';
import {
  type DesiredClusterObjects,
  type EngineObjectResult,
  refKey,
  refOf,
  resultOf,
} from './types';

/** What a pre-flight did on one cluster: objects it had to create for real, if any. */
export interface PreflightOutcome {
  /** The owner's namespace, when it had to be created to dry-run inside it. */
  created: EngineObjectResult[];
  /**
   * Objects (by `refKey`) the dry-run answered would be created: they did not
   * exist a moment ago, so the apply need not read them first.
   */
  absent: Set<string>;
}

/** A dry-run rejection of one object, naming it and the API server's reason. */
export class PreflightRejectedError extends InputError {
  constructor(message: string, readonly results: EngineObjectResult[]) {
    super(message);
  }
}

/**
 * Dry-runs every object where it will run. When the owner's namespace is new,
 * it is created first (for a real run) so admission sees its real labels, and
 * removed again when a dry-run fails; a dry-run-only request cannot create it,
 * so its objects are dry-run in `fallbackNamespace` and the result says so.
 */
export async function preflightCluster(
  applier: ManifestApplier,
  desired: DesiredClusterObjects,
  options: { dryRunOnly: boolean; fallbackNamespace: string; reclaim: boolean },
): Promise<PreflightOutcome> {
  const { cluster, namespace } = desired;
  const absent = new Set<string>();
  const check = async (
    manifest: KubernetesManifest,
    created: EngineObjectResult[],
  ) => {
    if (await dryRunOne(applier, cluster, manifest, created, options.reclaim)) {
      absent.add(refKey(refOf(manifest)));
    }
  };
  const namespaceObject = desired.objects.find(
    o => o.kind === 'Namespace' && o.metadata.name === namespace,
  );
  const isNew = namespaceObject
    ? !(await applier.read(namespaceObject))
    : false;
  const created: EngineObjectResult[] = [];
  let target = (m: KubernetesManifest) => m;
  if (isNew && namespaceObject && options.dryRunOnly) {
    await check(namespaceObject, []);
    target = m =>
      m.metadata.namespace === namespace
        ? {
            ...m,
            metadata: { ...m.metadata, namespace: options.fallbackNamespace },
          }
        : m;
  } else if (isNew && namespaceObject) {
    const { outcome } = await applier.apply(namespaceObject, {
      force: options.reclaim,
    });
    // Only a namespace this pre-flight created is ours to remove again.
    if (outcome === 'created') {
      created.push(
        resultOf(
          cluster,
          refOf(namespaceObject),
          outcome,
          'created to dry-run the rest inside it',
        ),
      );
    }
  }
  try {
    for (const manifest of desired.objects) {
      if (manifest === namespaceObject && isNew) continue;
      await check(target(manifest), created);
    }
  } catch (error) {
    if (created.length > 0 && namespaceObject) {
      await applier.delete(namespaceObject);
      created.push(
        resultOf(
          cluster,
          refOf(namespaceObject),
          'deleted',
          'removed again: the dry-run failed',
        ),
      );
      (error as { results: EngineObjectResult[] }).results.push(
        ...created.slice(1),
      );
    }
    throw error;
  }
  return { created, absent };
}

/** Dry-runs one object; `true` when it does not exist yet (the apply would create it). */
async function dryRunOne(
  applier: ManifestApplier,
  cluster: string,
  manifest: KubernetesManifest,
  created: EngineObjectResult[],
  reclaim: boolean,
): Promise<boolean> {
  try {
    return answeredCreated(await applier.dryRun(manifest, { force: reclaim }));
  } catch (error) {
    if (isClusterTimeout(error)) {
      // Not the cluster's verdict on the object: the cluster did not answer in time.
      throw Object.assign(error, {
        results: [
          ...created,
          resultOf(cluster, refOf(manifest), 'failed', error.message),
        ],
      });
    }
    const conflicts = parseFieldConflicts(error);
    if (conflicts) {
      const failed = resultOf(
        cluster,
        refOf(manifest),
        'failed',
        conflictMessage(conflicts),
      );
      throw new FieldOwnershipConflictError(
        cluster,
        refOf(manifest),
        conflicts,
        [...created, failed],
      );
    }
    const message = apiErrorMessage(error);
    throw new PreflightRejectedError(
      `Cluster '${cluster}' rejected ${manifest.kind}/${manifest.metadata.name} in a dry-run: ${message}`,
      [
        ...created,
        resultOf(cluster, refOf(manifest), 'failed', `dry-run: ${message}`),
      ],
    );
  }
}

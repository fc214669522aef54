import {
  ApplyFailedError,
  isClusterTimeout,
  type EngineClusterResult,
  type EngineObjectResult,
  type EngineRequest,
  type ProvisioningEngine,
} from '@kube-platform/plugin-kube-platform-node';
import type {
  Operation,
  OperationRecord,
  OperationStore,
} from '../database/OperationStore';

/** A provisioning run that failed part-way; the operation lists what was applied. */
export class TenantProvisioningError extends Error {
  readonly name = 'TenantProvisioningError';
  constructor(message: string, readonly operation: Operation) {
    super(message);
  }
}

export type { OperationRecord } from '../database/OperationStore';

/**
 * Runs an engine request as one recorded operation: started before anything
 * happens, then `succeeded`/`no-op` with every object's result, `rejected`
 * when pre-flight refused it (nothing applied), or `failed` part-way (the
 * error carries the operation, answered 502). Refusals are rethrown as they are.
 */
export async function runRecorded(
  deps: { engine: ProvisioningEngine; operations: OperationStore },
  record: OperationRecord,
  request: EngineRequest,
): Promise<{ operation: Operation; clusters: EngineClusterResult[] }> {
  const started = await deps.operations.start(record);
  let clusters: EngineClusterResult[];
  try {
    clusters = await deps.engine.run(request);
  } catch (error) {
    const results: EngineObjectResult[] =
      (error as { results?: EngineObjectResult[] }).results ?? [];
    // Part-way failures and clusters that stopped answering may have left objects applied.
    const failedPartWay =
      error instanceof ApplyFailedError || isClusterTimeout(error);
    const operation = await deps.operations.update(started.id, {
      status: failedPartWay ? 'failed' : 'rejected',
      results,
      error: (error as Error).message,
    });
    if (failedPartWay)
      throw new TenantProvisioningError((error as Error).message, operation);
    throw error;
  }
  const changed = clusters.some(c => c.changed);
  const operation = await deps.operations.update(started.id, {
    status: changed ? 'succeeded' : 'no-op',
    results: clusters.flatMap(c => c.results),
  });
  return { operation, clusters };
}

import type { TenantObjectResult } from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { TenantProvisioningError } from '../engine/recordedRun';

/** What every provisioning run answers with. */
/** Told of each object as it is applied (every flow's results carry at least these fields). */
type ObjectListener = (object: TenantObjectResult) => void;

type RunResult = { result: 'created' | 'updated' | 'unchanged' | 'dry-run' };

/**
 * Answers a provisioning run the same way for every flow. Streamed: NDJSON,
 * one line per object as it is applied, then the result or the error (with
 * the operation of a part-way failure). Otherwise: 201 when anything changed,
 * 200 when nothing did, 502 with the operation on a part-way failure.
 */
export async function respondWithRun(
  res: express.Response,
  stream: boolean,
  run: (onProgress?: ObjectListener) => Promise<RunResult>,
): Promise<void> {
  if (stream) {
    await streamRun(res, run);
    return;
  }
  try {
    const result = await run();
    const changed = result.result === 'created' || result.result === 'updated';
    res.status(changed ? 201 : 200).json(result);
  } catch (error) {
    if (!(error instanceof TenantProvisioningError)) throw error;
    res.status(502).json({
      error: { name: error.name, message: error.message },
      operation: error.operation,
    });
  }
}

async function streamRun(
  res: express.Response,
  run: (onProgress?: ObjectListener) => Promise<RunResult>,
) {
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  res.status(200).type('application/x-ndjson');
  try {
    const result = await run(object =>
      res.write(line({ type: 'object', object })),
    );
    res.end(line({ type: 'result', result }));
  } catch (error) {
    const e = error as Error;
    res.end(
      line({
        type: 'error',
        error: { name: e.name, message: e.message },
        operation:
          error instanceof TenantProvisioningError
            ? error.operation
            : undefined,
      }),
    );
  }
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TenantObjectResult } from '@kube-platform/plugin-kube-platform-common';
import { readNdjson } from './kubePlatformRequest';

/** An applied object as a provisioning stream reports it; engine runs add the cluster. */
export type StreamedObject = TenantObjectResult & { cluster?: string };

/** One line of a `?stream=true` provisioning response (tenants, federated apps). */
type StreamLine<TResult> =
  | { type: 'object'; object: StreamedObject }
  | { type: 'result'; result: TResult }
  | {
      type: 'error';
      error: { name: string; message: string };
      operation?: string;
    };

/** How to follow one provisioning stream. */
export interface ProvisionStreamOptions {
  /** What is being done, for error messages: `Provisioning tenant web`. */
  activity: string;
  logger: LoggerService;
  /** Prefix of an object's log line, such as its cluster; none by default. */
  prefixOf?: (object: StreamedObject) => string;
}

/** Logs one applied object: an error when it failed, info otherwise. */
function logObjectOutcome(
  logger: LoggerService,
  object: StreamedObject,
  prefix: string,
) {
  const { kind, name, namespace, outcome, message, cluster } = object;
  const log = outcome === 'failed' ? logger.error : logger.info;
  log.call(
    logger,
    `${prefix}${outcome} ${kind}/${name}${message ? `: ${message}` : ''}`,
    { ...(cluster ? { cluster } : {}), kind, name, namespace, outcome },
  );
}

/**
 * Follows the NDJSON progress of a provisioning run, logging each object as the
 * backend applies it, and returns the final result; throws when the backend
 * reports an error (naming the operation of a part-way failure) or the stream
 * ends without a result.
 */
export async function followProvisionStream<TResult>(
  response: Response,
  options: ProvisionStreamOptions,
): Promise<TResult> {
  const { activity, logger, prefixOf = () => '' } = options;
  let result: TResult | undefined;
  for await (const value of readNdjson(response)) {
    const line = value as StreamLine<TResult>;
    if (line.type === 'object') {
      logObjectOutcome(logger, line.object, prefixOf(line.object));
    } else if (line.type === 'result') {
      result = line.result;
    } else if (line.type === 'error') {
      const operation = line.operation ? ` (operation ${line.operation})` : '';
      throw new Error(`${activity} failed${operation}: ${line.error.message}`);
    }
  }
  if (!result) {
    throw new Error(`${activity} ended without a result`);
  }
  return result;
}

import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  TenantObjectResult,
  TenantProvisionResponse,
} from '@kube-platform/plugin-kube-platform-common';
import { readNdjson } from './kubePlatformRequest';

/** One line of the `POST /tenants?stream=true` response. */
type StreamLine =
  | { type: 'object'; object: TenantObjectResult }
  | { type: 'result'; result: TenantProvisionResponse }
  | {
      type: 'error';
      error: { name: string; message: string };
      operation?: string;
    };

/** Logs one applied object: an error when it failed, info otherwise. */
function logObjectOutcome(logger: LoggerService, object: TenantObjectResult) {
  const { kind, name, namespace, outcome, message } = object;
  const log = outcome === 'failed' ? logger.error : logger.info;
  log.call(
    logger,
    `${outcome} ${kind}/${name}${message ? `: ${message}` : ''}`,
    {
      kind,
      name,
      namespace,
      outcome,
    },
  );
}

/**
 * Follows the NDJSON progress of provisioning tenant `tenantName`, logging each object
 * as the backend applies it, and returns the final result; throws when the backend
 * reports an error or the stream ends without a result.
 */
export async function followTenantProvisionStream(
  response: Response,
  tenantName: string,
  logger: LoggerService,
): Promise<TenantProvisionResponse> {
  let result: TenantProvisionResponse | undefined;
  for await (const value of readNdjson(response)) {
    const line = value as StreamLine;
    if (line.type === 'object') {
      logObjectOutcome(logger, line.object);
    } else if (line.type === 'result') {
      result = line.result;
    } else if (line.type === 'error') {
      const operation = line.operation ? ` (operation ${line.operation})` : '';
      throw new Error(
        `Provisioning tenant ${tenantName} failed${operation}: ${line.error.message}`,
      );
    }
  }
  if (!result) {
    throw new Error(`Provisioning tenant ${tenantName} ended without a result`);
  }
  return result;
}

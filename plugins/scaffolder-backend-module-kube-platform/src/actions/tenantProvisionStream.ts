import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TenantProvisionResponse } from '@kube-platform/plugin-kube-platform-common';
import { followProvisionStream } from './provisionStream';

/**
 * Follows the NDJSON progress of provisioning tenant `tenantName`, logging each object
 * as the backend applies it, and returns the final result; throws when the backend
 * reports an error or the stream ends without a result.
 */
export function followTenantProvisionStream(
  response: Response,
  tenantName: string,
  logger: LoggerService,
): Promise<TenantProvisionResponse> {
  return followProvisionStream<TenantProvisionResponse>(response, {
    activity: `Provisioning tenant ${tenantName}`,
    logger,
  });
}

import { parseQuantity } from './quantity';
import type { TenantQuota } from './tenant';
import type { TenantGuardrailIssue } from './tenantApi';

/**
 * Quota that contradicts itself: requests above limits can never be used, since
 * every container's request is at most its limit. One `invalid` issue on the
 * `quota.requests.*` field per resource.
 */
export function findQuotaContradictions(
  quota: Pick<
    TenantQuota,
    'requests.cpu' | 'limits.cpu' | 'requests.memory' | 'limits.memory'
  >,
): TenantGuardrailIssue[] {
  return (['cpu', 'memory'] as const)
    .filter(
      resource =>
        parseQuantity(quota[`requests.${resource}`]) >
        parseQuantity(quota[`limits.${resource}`]),
    )
    .map(resource => ({
      field: `quota.requests.${resource}`,
      code: 'invalid' as const,
      message: `requests.${resource} ${
        quota[`requests.${resource}`]
      } is above limits.${resource} ${quota[`limits.${resource}`]}`,
    }));
}

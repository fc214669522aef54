import {
  apiErrorMessage,
  apiErrorStatus,
  type ManifestApplier,
} from '@kube-platform/plugin-kube-platform-node';
import type { IsolationCheck } from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant } from '../../database/TenantStore';
import { checkResult } from './checkResult';
import { planQuotaProbe } from './quotaProbe';
import { allowedVerificationImage, verificationPod } from './verificationPod';

/**
 * A Pod over the quota's remaining CPU (or memory) requests must be rejected by
 * the ResourceQuota: a real server dry-run as the tenant's admin.
 */
export async function checkQuotaEnforced(
  tenantAdmin: ManifestApplier,
  tenant: StoredTenant,
  used: Record<string, string>,
): Promise<IsolationCheck> {
  const result = checkResult(
    'quota-enforced',
    'A Pod above the remaining quota is rejected by the ResourceQuota',
  );
  const probe = planQuotaProbe(tenant.spec, used);
  if (!probe) {
    return result(
      true,
      'every remaining quota exceeds what one Pod may request under the LimitRange, so no single Pod can exceed it; the quota object is enforced by the ResourceQuota admission plugin',
    );
  }
  const { resource, request } = probe;
  const pod = verificationPod(
    tenant.namespace,
    allowedVerificationImage(tenant.spec),
    { requests: { [resource]: request }, limits: { [resource]: request } },
  );
  try {
    await tenantAdmin.dryRun(pod);
    return result(
      false,
      `a Pod requesting ${resource}=${request} was admitted`,
    );
  } catch (error) {
    const message = apiErrorMessage(error);
    return result(
      apiErrorStatus(error) === 403 && message.includes('exceeded quota'),
      `Pod requesting ${resource}=${request}: ${message}`,
    );
  }
}

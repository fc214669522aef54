import {
  apiErrorMessage,
  type ManifestApplier,
} from '@kube-platform/plugin-kube-platform-node';
import {
  type IsolationCheck,
  parseQuantity,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import type { V1Pod, V1ResourceRequirements } from '@kubernetes/client-node';
import type { StoredTenant } from '../../database/TenantStore';
import { checkResult } from './checkResult';
import { allowedVerificationImage, verificationPod } from './verificationPod';

const sameQuantity = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && parseQuantity(a) === parseQuantity(b);

/** True when an admitted container got exactly the LimitRange's default requests and limits. */
export function hasLimitRangeDefaults(
  resources: V1ResourceRequirements,
  expected: TenantSpec['limitRange']['container'],
): boolean {
  return (
    sameQuantity(resources.requests?.cpu, expected.defaultRequest.cpu) &&
    sameQuantity(resources.requests?.memory, expected.defaultRequest.memory) &&
    sameQuantity(resources.limits?.cpu, expected.default.cpu) &&
    sameQuantity(resources.limits?.memory, expected.default.memory)
  );
}

/** A Pod without resources, dry-run as the tenant's admin, must come back with the LimitRange defaults. */
export async function checkLimitRangeDefaults(
  tenantAdmin: ManifestApplier,
  tenant: StoredTenant,
): Promise<IsolationCheck> {
  const result = checkResult(
    'limitrange-defaults',
    'A Pod without resources gets the LimitRange defaults',
  );
  try {
    const pod = (await tenantAdmin.dryRun(
      verificationPod(tenant.namespace, allowedVerificationImage(tenant.spec)),
    )) as V1Pod;
    const resources = pod.spec?.containers?.[0]?.resources ?? {};
    return result(
      hasLimitRangeDefaults(resources, tenant.spec.limitRange.container),
      `admitted Pod resources: ${JSON.stringify(resources)}`,
    );
  } catch (error) {
    return result(false, `dry-run rejected: ${apiErrorMessage(error)}`);
  }
}

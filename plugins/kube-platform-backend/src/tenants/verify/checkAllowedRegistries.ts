import {
  apiErrorMessage,
  type ManifestApplier,
} from '@kube-platform/plugin-kube-platform-node';
import {
  type IsolationCheck,
  registryPrefixes,
} from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant } from '../../database/TenantStore';
import { checkResult } from './checkResult';
import { verificationPod } from './verificationPod';

const DISALLOWED_IMAGE = 'kube-platform-verify.invalid/not-allowed:1';
/** How long a fresh tenant's registry policy may take to start rejecting. */
const POLICY_SETTLE_MS = 10_000;
const RETRY_INTERVAL_MS = 500;

/**
 * A Pod from a registry outside the allowed list must be rejected. Policies
 * take effect a few seconds after they are created, so a fresh tenant is
 * retried briefly before the check fails.
 */
export async function checkAllowedRegistries(
  tenantAdmin: ManifestApplier,
  tenant: StoredTenant,
): Promise<IsolationCheck> {
  const result = checkResult(
    'image-registries',
    'Pods may only use images from the allowed registries',
  );
  if (registryPrefixes(tenant.spec.security.allowedRegistries).length === 0) {
    return result(true, 'no registry restriction was requested');
  }
  const image = DISALLOWED_IMAGE;
  const deadline = Date.now() + POLICY_SETTLE_MS;
  for (;;) {
    try {
      await tenantAdmin.dryRun(verificationPod(tenant.namespace, image));
    } catch (error) {
      const message = apiErrorMessage(error);
      return message.includes('must come from')
        ? result(true, `Pod with image ${image}: ${message}`)
        : result(false, `unexpected rejection: ${message}`);
    }
    if (Date.now() > deadline) {
      return result(false, `a Pod with image ${image} was admitted`);
    }
    await new Promise(resolve => setTimeout(resolve, RETRY_INTERVAL_MS));
  }
}

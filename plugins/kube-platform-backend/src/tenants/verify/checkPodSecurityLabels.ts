import type { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';
import type { IsolationCheck } from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant } from '../../database/TenantStore';
import { checkResult } from './checkResult';

const POD_SECURITY_MODE_LABELS = ['enforce', 'audit', 'warn'].map(
  mode => `pod-security.kubernetes.io/${mode}`,
);

/** The tenant namespace must enforce, audit and warn on its Pod Security level. */
export async function checkPodSecurityLabels(
  platform: ManifestApplier,
  tenant: StoredTenant,
): Promise<IsolationCheck> {
  const level = tenant.spec.security.podSecurityStandard;
  const result = checkResult(
    'pod-security-labels',
    `Pod Security '${level}' is enforced, audited and warned on the namespace`,
  );
  const ns = await platform.read({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: tenant.namespace },
  });
  const labels = ns?.metadata?.labels ?? {};
  return result(
    POD_SECURITY_MODE_LABELS.every(key => labels[key] === level),
    POD_SECURITY_MODE_LABELS.map(
      key => `${key}=${labels[key] ?? '(unset)'}`,
    ).join(', '),
  );
}

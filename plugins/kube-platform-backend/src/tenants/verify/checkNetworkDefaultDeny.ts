import type { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';
import type { IsolationCheck } from '@kube-platform/plugin-kube-platform-common';
import type {
  V1NetworkPolicy,
  V1NetworkPolicySpec,
} from '@kubernetes/client-node';
import type { StoredTenant } from '../../database/TenantStore';
import { checkResult } from './checkResult';

/** True when the policy selects every Pod and allows no ingress and no egress. */
export function isDefaultDeny(spec: Partial<V1NetworkPolicySpec>): boolean {
  const types: string[] = spec.policyTypes ?? [];
  return (
    Object.keys(spec.podSelector ?? {}).length === 0 &&
    types.includes('Ingress') &&
    types.includes('Egress') &&
    !spec.ingress?.length &&
    !spec.egress?.length
  );
}

/** The tenant's `default-deny` NetworkPolicy, as stored, must deny all traffic. */
export async function checkNetworkDefaultDeny(
  platform: ManifestApplier,
  tenant: StoredTenant,
): Promise<IsolationCheck> {
  const result = checkResult(
    'network-default-deny',
    'A default-deny NetworkPolicy selects every Pod for ingress and egress',
  );
  const policy = await platform.read<V1NetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny', namespace: tenant.namespace },
  });
  if (!policy) {
    return result(
      false,
      `no NetworkPolicy default-deny in ${tenant.namespace}`,
    );
  }
  const spec = policy.spec ?? {};
  return result(
    isDefaultDeny(spec),
    `default-deny spec: ${JSON.stringify(spec)}`,
  );
}

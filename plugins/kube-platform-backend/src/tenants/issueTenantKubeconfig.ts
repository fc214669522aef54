import type { TenantRoleLevel } from '@kube-platform/plugin-kube-platform-common';
import { apiErrorMessage } from '@kube-platform/plugin-kube-platform-node';
import type { OperationStore } from '../database/OperationStore';
import type { StoredTenant } from '../database/TenantStore';
import type { TenantCredentials } from './TenantCredentials';
import { TenantProvisioningError } from '../engine/recordedRun';

/**
 * A kubeconfig for the role the requester holds in the tenant, with a
 * short-lived TokenRequest token of that role's identity. The issue is recorded
 * as an operation (who, which role, when it expires); the token never is.
 */
export async function issueTenantKubeconfig(
  deps: { credentials: TenantCredentials; operations: OperationStore },
  tenant: StoredTenant,
  request: { actor: string; level: TenantRoleLevel; expirationSeconds: number },
): Promise<string> {
  const operation = await deps.operations.start({
    kind: 'tenant',
    action: 'issue-kubeconfig',
    cluster: tenant.cluster,
    target: tenant.name,
    actor: request.actor,
    spec: { role: request.level, expirationSeconds: request.expirationSeconds },
  });
  try {
    const issued = await deps.credentials.requestToken(
      tenant,
      request.level,
      request.expirationSeconds,
    );
    await deps.operations.update(operation.id, {
      status: 'succeeded',
      results: [
        {
          cluster: tenant.cluster,
          kind: 'ServiceAccount',
          name: issued.serviceAccount,
          outcome: 'unchanged',
          message: `tenant-${request.level} token expires ${
            issued.expiresAt ?? 'unknown'
          }`,
        },
      ],
    });
    return deps.credentials.renderKubeconfig(
      tenant,
      request.level,
      issued.token,
    );
  } catch (error) {
    const message = apiErrorMessage(error);
    const recorded = await deps.operations.update(operation.id, {
      status: 'failed',
      error: message,
    });
    throw new TenantProvisioningError(
      `Issuing a kubeconfig failed: ${message}`,
      recorded,
    );
  }
}

import { ConflictError } from '@backstage/errors';
import {
  KUBE_PLATFORM_MANAGER,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import type { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';

/**
 * A namespace that exists and is not this tenant's (not ours, another
 * tenant's, another owner's) is never touched: 409, nothing changed.
 */
export async function assertTenantNamespace(
  applier: ManifestApplier,
  spec: TenantSpec,
): Promise<void> {
  const live = await applier.read({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: spec.namespace },
  });
  if (!live) return;
  const labels = live.metadata?.labels ?? {};
  const owner = live.metadata?.annotations?.['kube-platform.io/owner'];
  if (
    labels['app.kubernetes.io/managed-by'] !== KUBE_PLATFORM_MANAGER ||
    labels['kube-platform.io/tenant'] !== spec.name ||
    owner !== spec.owner
  ) {
    throw new ConflictError(
      `Namespace '${spec.namespace}' already exists on '${spec.cluster}' and is not this tenant's; nothing was changed`,
    );
  }
}

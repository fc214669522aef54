import {
  findDrift,
  type KubernetesManifest,
  type TenantObjectStatus,
} from '@kube-platform/plugin-kube-platform-common';
import type { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';

/**
 * Live state of each managed object: present as rendered, drifted (with the
 * paths that differ) or missing. Reads the objects of one tenant on one cluster.
 */
export async function inspectTenantObjects(
  applier: ManifestApplier,
  manifests: KubernetesManifest[],
): Promise<TenantObjectStatus[]> {
  return Promise.all(
    manifests.map(async manifest => {
      const base = {
        kind: manifest.kind,
        name: manifest.metadata.name,
        namespace: manifest.metadata.namespace,
      };
      const live = await applier.read(manifest);
      if (!live) return { ...base, state: 'missing' as const };
      const drift = findDrift(
        manifest,
        live as unknown as Record<string, unknown>,
      );
      return drift.length > 0
        ? { ...base, state: 'drifted' as const, drift }
        : { ...base, state: 'present' as const };
    }),
  );
}

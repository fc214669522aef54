import {
  findDrift,
  findForeignFields,
  KUBE_PLATFORM_MANAGER,
  type KubernetesManifest,
  type ManagedFieldsEntry,
  type TenantObjectStatus,
} from '@kube-platform/plugin-kube-platform-common';
import type { ManifestApplier } from '../apply/ManifestApplier';

/**
 * Live state of each object compared with what we applied: missing, present,
 * or drifted — a value of ours changed, or a field some other manager added
 * (from `managedFields`, so an added `ingress: [{}]` that opens a
 * default-deny policy is reported even though our own fields are intact).
 */
export async function inspectObjects(
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
      const drift = [
        ...findDrift(manifest, live as unknown as Record<string, unknown>),
        ...findForeignFields(
          live.metadata?.managedFields as ManagedFieldsEntry[] | undefined,
          KUBE_PLATFORM_MANAGER,
        ).map(f => `${f.path} (set by ${f.manager})`),
      ];
      return drift.length > 0
        ? { ...base, state: 'drifted' as const, drift }
        : { ...base, state: 'present' as const };
    }),
  );
}

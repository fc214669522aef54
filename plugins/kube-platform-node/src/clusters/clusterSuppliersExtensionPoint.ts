import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { KubePlatformClusterSupplier } from './ClusterSupplier';

/** Lets backend modules of Kube Platform supply clusters at run time. */
export interface KubePlatformClusterSuppliersExtensionPoint {
  /** Adds a supplier; a second supplier with a taken id throws `ConflictError`. */
  addClusterSupplier(supplier: KubePlatformClusterSupplier): void;
}

/**
 * Extension point `kube-platform.cluster-suppliers`: a module of the
 * `kube-platform` plugin adds a supplier in its `init`; `kubePlatform.clusters`
 * is always the supplier `config`.
 *
 * Forwarded like `kubePlatformWatchedKindsExtensionPoint`: the registry is one
 * root-scoped service while an extension point belongs to one plugin, so the
 * kube-platform backend plugin registers this extension point with
 * {@link createClusterSuppliersExtension} and in its `init` forwards the
 * suppliers to the root-scoped `kubePlatformClusterSuppliersServiceRef`.
 */
export const kubePlatformClusterSuppliersExtensionPoint =
  createExtensionPoint<KubePlatformClusterSuppliersExtensionPoint>({
    id: 'kube-platform.cluster-suppliers',
  });

/** The plugin side of the extension point: collects suppliers, then forwards them to the root service. */
export interface ClusterSuppliersExtension {
  /** Pass to `env.registerExtensionPoint(kubePlatformClusterSuppliersExtensionPoint, ...)`. */
  extensionPoint: KubePlatformClusterSuppliersExtensionPoint;
  /** Call in the plugin's `init`: adds what modules registered, and forwards later additions directly. */
  forwardTo(target: KubePlatformClusterSuppliersExtensionPoint): void;
}

/** Creates the implementation the kube-platform backend plugin registers for its modules. */
export function createClusterSuppliersExtension(): ClusterSuppliersExtension {
  const pending: KubePlatformClusterSupplier[] = [];
  let target: KubePlatformClusterSuppliersExtensionPoint | undefined;
  return {
    extensionPoint: {
      addClusterSupplier(supplier) {
        if (target) target.addClusterSupplier(supplier);
        else pending.push(supplier);
      },
    },
    forwardTo(next) {
      target = next;
      for (const supplier of pending.splice(0))
        next.addClusterSupplier(supplier);
    },
  };
}

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { WatchedKind } from './WatchedKind';
import type { WatchedKindRegistry } from './WatchedKindRegistry';

/** Lets backend modules of Kube Platform add kinds to every cluster's watch cache. */
export interface KubePlatformWatchedKindsExtensionPoint {
  /** Adds kinds; see {@link WatchedKindRegistry.addKind} for duplicates. */
  addKind(...kinds: WatchedKind<any>[]): void;
}

/**
 * Extension point `kube-platform.watched-kinds`: a module of the
 * `kube-platform` plugin adds kinds in its `init`, e.g.
 * `watchedKinds.addKind(deploymentsKind)`, then reads them with
 * `clusterCache.forCluster(name).get(deploymentsKind)`.
 *
 * Why a forwarding extension point: the caches are one root-scoped service
 * shared by every plugin, while an extension point belongs to one plugin. So
 * the kube-platform backend plugin registers this extension point with
 * {@link createWatchedKindsExtension}, and in its own `init` (which runs after
 * all its modules' inits) forwards what they added to the root-scoped
 * `kubePlatformWatchedKindsServiceRef`. The caches start in a root startup
 * hook, after every plugin has initialised, and seal the kinds then; other
 * plugins may call `addKind` on the root service in their `init` too.
 */
export const kubePlatformWatchedKindsExtensionPoint =
  createExtensionPoint<KubePlatformWatchedKindsExtensionPoint>({
    id: 'kube-platform.watched-kinds',
  });

/** The plugin side of the extension point: collects kinds, then forwards them to the root registry. */
export interface WatchedKindsExtension {
  /** Pass to `env.registerExtensionPoint(kubePlatformWatchedKindsExtensionPoint, ...)`. */
  extensionPoint: KubePlatformWatchedKindsExtensionPoint;
  /** Call in the plugin's `init`: adds what modules registered, and forwards later additions directly. */
  forwardTo(registry: Pick<WatchedKindRegistry, 'addKind'>): void;
}

/** Creates the implementation the kube-platform backend plugin registers for its modules. */
export function createWatchedKindsExtension(): WatchedKindsExtension {
  const pending: WatchedKind<any>[] = [];
  let target: Pick<WatchedKindRegistry, 'addKind'> | undefined;
  return {
    extensionPoint: {
      addKind(...kinds) {
        if (target) target.addKind(...kinds);
        else pending.push(...kinds);
      },
    },
    forwardTo(registry) {
      target = registry;
      registry.addKind(...pending.splice(0));
    },
  };
}

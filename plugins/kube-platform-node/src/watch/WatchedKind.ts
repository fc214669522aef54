import { InputError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * A kind of Kubernetes object that every cluster's watch cache keeps, trimmed
 * to a small typed object. Register it before the caches start, through
 * `kubePlatformWatchedKindsExtensionPoint` (backend modules of Kube Platform)
 * or `kubePlatformWatchedKindsServiceRef` (other plugins).
 */
export interface WatchedKind<T = unknown, TRaw extends KubernetesObject = any> {
  /** Unique id, also the key of this kind in the cache status, e.g. `deployments`. */
  id: string;
  /** `v1` for the core group, else `group/version`, e.g. `apps/v1`. */
  apiVersion: string;
  /** Kind, e.g. `Deployment`; for logs and messages. */
  kind: string;
  /** Resource name in URLs, e.g. `deployments`. */
  plural: string;
  /** Whether objects live in namespaces; the cache watches every namespace either way. */
  namespaced: boolean;
  /** Keeps only what features read: the cache holds this, never the raw object. */
  trim(raw: TRaw): T;
  /** Only objects matching this label selector are listed and watched, e.g. `app.kubernetes.io/managed-by=kube-platform`. */
  labelSelector?: string;
  /** Only objects matching this field selector are listed and watched. */
  fieldSelector?: string;
  /** Objects per list page (default 500); large kinds are listed in pages. */
  pageSize?: number;
}

const ID_PATTERN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const API_VERSION_PATTERN = /^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

/** Checks a kind definition; throws `InputError` naming the first bad field. */
export function validateWatchedKind(kind: WatchedKind): void {
  const problem = (field: string, why: string) =>
    new InputError(`Invalid watched kind '${kind?.id}': ${field} ${why}`);
  if (!ID_PATTERN.test(kind?.id ?? '')) {
    throw problem('id', 'must be lower-case letters, digits, dots and dashes');
  }
  if (!API_VERSION_PATTERN.test(kind.apiVersion ?? '')) {
    throw problem('apiVersion', "must look like 'v1' or 'apps/v1'");
  }
  if (!ID_PATTERN.test(kind.plural ?? '')) {
    throw problem('plural', 'must be a lower-case resource name');
  }
  if (typeof kind.trim !== 'function') {
    throw problem('trim', 'must be a function');
  }
  if (kind.pageSize !== undefined && !(kind.pageSize > 0)) {
    throw problem('pageSize', 'must be positive');
  }
}

/** Declares a watched kind with its types inferred from `trim`; validates it at once. */
export function defineWatchedKind<T, TRaw extends KubernetesObject = any>(
  kind: WatchedKind<T, TRaw>,
): WatchedKind<T, TRaw> {
  validateWatchedKind(kind);
  return kind;
}

/** The collection path of a kind across all namespaces, e.g. `/apis/apps/v1/deployments`. */
export function collectionPath(
  kind: Pick<WatchedKind, 'apiVersion' | 'plural'>,
): string {
  const prefix = kind.apiVersion.includes('/') ? '/apis' : '/api';
  return `${prefix}/${kind.apiVersion}/${kind.plural}`;
}

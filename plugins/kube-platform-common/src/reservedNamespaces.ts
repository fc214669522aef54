import { ENVIRONMENT_PRESETS } from './tenantPresets';
import { DEFAULT_PLATFORM_NAMESPACE } from './tenantIdentities';

/** Namespace where cluster DNS runs; tenant network policies allow egress to it. */
export const TENANT_DNS_NAMESPACE = 'kube-system';

/** Platform settings that reserve namespaces beyond Kubernetes' own. */
export interface ReservedNamespaceOptions {
  /** The platform's own namespace (`kubePlatform.platformNamespace`); default `kube-platform-system`. */
  platformNamespace?: string;
  /** `kubePlatform.tenants.reservedNamespaces`: names, or prefixes ending with `*`. */
  reservedNamespaces?: string[];
  /** The ingress controller namespace the request names, if any. */
  ingressControllerNamespace?: string;
}

const PRESET_INGRESS_NAMESPACES = new Set(
  Object.values(ENVIRONMENT_PRESETS).map(
    p => p.networking.ingressControllerNamespace,
  ),
);

function matchesPattern(namespace: string, pattern: string): boolean {
  return pattern.endsWith('*')
    ? namespace.startsWith(pattern.slice(0, -1))
    : namespace === pattern;
}

/**
 * Why a tenant may not take this namespace, or `undefined` when it may. Pure:
 * a reserved name is refused whether or not it exists on the cluster, because
 * taking it would hand a tenant something other tenants or the platform trust.
 */
export function reservedNamespaceReason(
  namespace: string,
  options: ReservedNamespaceOptions = {},
): string | undefined {
  const reserved = (why: string) => `'${namespace}' is reserved: ${why}`;
  if (namespace === 'default') {
    return reserved('it belongs to Kubernetes');
  }
  if (
    PRESET_INGRESS_NAMESPACES.has(namespace) ||
    namespace === options.ingressControllerNamespace
  ) {
    return reserved(
      'tenant network policies trust it as the ingress controller namespace',
    );
  }
  if (namespace === TENANT_DNS_NAMESPACE) {
    return reserved('tenant network policies trust it as the DNS namespace');
  }
  if (namespace === (options.platformNamespace ?? DEFAULT_PLATFORM_NAMESPACE)) {
    return reserved("it is the platform's own namespace");
  }
  if (namespace.startsWith('kube-')) {
    return reserved('kube-* namespaces belong to Kubernetes');
  }
  const pattern = options.reservedNamespaces?.find(p =>
    matchesPattern(namespace, p),
  );
  if (pattern !== undefined) {
    return reserved(
      `kubePlatform.tenants.reservedNamespaces lists '${pattern}'`,
    );
  }
  return undefined;
}

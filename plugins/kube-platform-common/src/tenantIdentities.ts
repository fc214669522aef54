import type { TenantSpec } from './tenant';

/** The roles a person can hold in a tenant, strongest first. */
export const TENANT_ROLE_LEVELS = ['admin', 'developer', 'viewer'] as const;
/** One tenant role: `admin`, `developer` or `viewer` (Roles `tenant-<level>`). */
export type TenantRoleLevel = (typeof TENANT_ROLE_LEVELS)[number];

/** Where the platform keeps its own objects on every cluster, unless configured otherwise. */
export const DEFAULT_PLATFORM_NAMESPACE = 'kube-platform-system';

/**
 * Name of the ServiceAccount that carries one tenant role. It lives in the
 * platform's namespace, not the tenant's, so no Pod of the tenant can mount it:
 * a developer cannot escalate by naming it in a pod spec.
 */
export function tenantRoleServiceAccountName(
  spec: Pick<TenantSpec, 'namespace'>,
  level: TenantRoleLevel,
): string {
  return `${spec.namespace}-${level}`;
}

/** Who asks: a user entity ref and the refs the user owns through (their groups). */
export interface TenantRequester {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** Platform admins hold the admin role in every tenant. */
  platformAdmin?: boolean;
}

/**
 * The strongest role a requester holds in a tenant: named as an admin, or a
 * member of a developer or viewer group; `undefined` when they hold none.
 */
export function tenantRoleOf(
  spec: Pick<TenantSpec, 'members'>,
  requester: TenantRequester,
): TenantRoleLevel | undefined {
  if (requester.platformAdmin) return 'admin';
  const refs = new Set(requester.ownershipEntityRefs);
  if (spec.members.admins.includes(requester.userEntityRef)) return 'admin';
  if (spec.members.developers.some(ref => refs.has(ref))) return 'developer';
  if (spec.members.viewers.some(ref => refs.has(ref))) return 'viewer';
  return undefined;
}

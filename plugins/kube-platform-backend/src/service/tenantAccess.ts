import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  kubePlatformTenantReadPermission,
  type TenantRequester,
} from '@kube-platform/plugin-kube-platform-common';
import {
  isTenantAuthorized,
  type TenantPermissionResource,
} from '@kube-platform/plugin-kube-platform-node';

type TenantPermission = ResourcePermission<'kube-platform-tenant'>;

/** Who acted, for the operation records: a user entity ref or `plugin:<id>`. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!
    : `plugin:${principal.subject}`;
}

/** Permission decisions about tenants, conditional decisions applied to the tenant at hand. */
export function createTenantAccess(deps: {
  permissions: PermissionsService;
  userInfo: UserInfoService;
  platformAdminGroups: string[];
}) {
  async function isAllowed(
    credentials: BackstageCredentials,
    permission: TenantPermission,
    resource: TenantPermissionResource,
  ): Promise<boolean> {
    const [decision] = await deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    return (
      decision.result === AuthorizeResult.CONDITIONAL &&
      isTenantAuthorized(decision, resource)
    );
  }

  return {
    isAllowed,

    /** Throws 403 naming the tenant unless the permission is granted for it. */
    async authorize(
      credentials: BackstageCredentials,
      permission: TenantPermission,
      resource: TenantPermissionResource,
    ): Promise<void> {
      if (await isAllowed(credentials, permission, resource)) return;
      throw new NotAllowedError(
        `Not allowed to ${permission.attributes.action ?? 'use'} tenant '${
          resource.name
        }' on '${resource.cluster}' (${permission.name}; owner ${
          resource.owner
        })`,
      );
    },

    /** The tenants of `list` the caller may read. */
    async visible<T extends TenantPermissionResource>(
      credentials: BackstageCredentials,
      list: T[],
    ): Promise<T[]> {
      const [decision] = await deps.permissions.authorizeConditional(
        [{ permission: kubePlatformTenantReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.ALLOW) return list;
      if (decision.result === AuthorizeResult.DENY) return [];
      return list.filter(t => isTenantAuthorized(decision, t));
    },

    /** The signed-in user with their groups, as tenant roles see them. */
    async requester(
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ): Promise<TenantRequester> {
      const info = await deps.userInfo.getUserInfo(credentials);
      return {
        userEntityRef: info.userEntityRef,
        ownershipEntityRefs: info.ownershipEntityRefs,
        platformAdmin: info.ownershipEntityRefs.some(ref =>
          deps.platformAdminGroups.includes(ref),
        ),
      };
    },
  };
}

/** Tenant permission decisions, as built by {@link createTenantAccess}. */
export type TenantAccess = ReturnType<typeof createTenantAccess>;

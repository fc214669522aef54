import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  kubePlatformTenantReadPermission,
  type TenantRequester,
} from '@kube-platform/plugin-kube-platform-common';
import {
  isTenantAuthorized,
  type TenantPermissionResource,
} from '@kube-platform/plugin-kube-platform-node';
import { createResourceAccess } from './resourceAccess';

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

/** Permission decisions about tenants, and who the requester is in a tenant. */
export function createTenantAccess(deps: {
  permissions: PermissionsService;
  userInfo: UserInfoService;
  platformAdminGroups: string[];
}) {
  return {
    ...createResourceAccess({
      permissions: deps.permissions,
      readPermission: kubePlatformTenantReadPermission,
      isAuthorized: (decision, tenant: TenantPermissionResource) =>
        isTenantAuthorized(decision, tenant),
      describe: tenant => `tenant '${tenant.name}' on '${tenant.cluster}'`,
    }),

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

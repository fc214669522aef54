import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
  kubePlatformFederationReadPermission,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type FederatedAppPermissionResource,
  isFederatedAppAuthorized,
} from '@kube-platform/plugin-kube-platform-node';

type FederationPermission = ResourcePermission<
  typeof KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE
>;

/** Permission decisions about federated apps, conditional decisions applied to the app at hand. */
export function createFederatedAppAccess(deps: {
  permissions: PermissionsService;
}) {
  async function isAllowed(
    credentials: BackstageCredentials,
    permission: FederationPermission,
    resource: FederatedAppPermissionResource,
  ): Promise<boolean> {
    const [decision] = await deps.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    return (
      decision.result === AuthorizeResult.CONDITIONAL &&
      isFederatedAppAuthorized(decision, resource)
    );
  }

  return {
    /** Throws 403 naming the app unless the permission is granted for it. */
    async authorize(
      credentials: BackstageCredentials,
      permission: FederationPermission,
      resource: FederatedAppPermissionResource,
    ): Promise<void> {
      if (await isAllowed(credentials, permission, resource)) return;
      throw new NotAllowedError(
        `Not allowed to ${
          permission.attributes.action ?? 'use'
        } federated app '${resource.name}' in '${resource.namespace}' (${
          permission.name
        }; owner ${resource.owner})`,
      );
    },

    /** The apps of `list` the caller may read. */
    async visible<T extends FederatedAppPermissionResource>(
      credentials: BackstageCredentials,
      list: T[],
    ): Promise<T[]> {
      const [decision] = await deps.permissions.authorizeConditional(
        [{ permission: kubePlatformFederationReadPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.ALLOW) return list;
      if (decision.result === AuthorizeResult.DENY) return [];
      return list.filter(a => isFederatedAppAuthorized(decision, a));
    },
  };
}

/** Federated-app permission decisions, as built by {@link createFederatedAppAccess}. */
export type FederatedAppAccess = ReturnType<typeof createFederatedAppAccess>;

import type { PermissionsService } from '@backstage/backend-plugin-api';
import { kubePlatformFederationReadPermission } from '@kube-platform/plugin-kube-platform-common';
import {
  type FederatedAppPermissionResource,
  isFederatedAppAuthorized,
} from '@kube-platform/plugin-kube-platform-node';
import { createResourceAccess } from '../service/resourceAccess';

/** Permission decisions about federated apps, conditional decisions applied to the app at hand. */
export function createFederatedAppAccess(deps: {
  permissions: PermissionsService;
}) {
  return createResourceAccess({
    permissions: deps.permissions,
    readPermission: kubePlatformFederationReadPermission,
    isAuthorized: (decision, app: FederatedAppPermissionResource) =>
      isFederatedAppAuthorized(decision, app),
    describe: app => `federated app '${app.name}' in '${app.namespace}'`,
  });
}

/** Federated-app permission decisions, as built by {@link createFederatedAppAccess}. */
export type FederatedAppAccess = ReturnType<typeof createFederatedAppAccess>;

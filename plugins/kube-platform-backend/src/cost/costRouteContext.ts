import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { kubePlatformCostReadPermission } from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterRegistry,
  isTenantAuthorized,
  type TenantPermissionResource,
} from '@kube-platform/plugin-kube-platform-node';
import type { TenantStore } from '../database/TenantStore';
import { createResourceAccess } from '../service/resourceAccess';
import type { CostServices } from './createCostServices';

/** Dependencies of the cost routes. */
export interface CostRouterOptions extends CostServices {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  clusterRegistry: ClusterRegistry;
  tenants: TenantStore;
}

/** The group that owns an entity: a group owns itself; others their `spec.owner`. */
export function owningGroupOf(entity: Entity): string {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef(entity);
  }
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return '';
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** Throws 403 unless the caller may read the cost of what `owner` owns. */
export async function authorizeCostRead(
  options: Pick<CostRouterOptions, 'permissions'>,
  credentials: BackstageCredentials,
  subject: string,
  owner: string,
): Promise<void> {
  const access = createResourceAccess({
    permissions: options.permissions,
    readPermission: kubePlatformCostReadPermission,
    isAuthorized: (decision, resource: TenantPermissionResource) =>
      isTenantAuthorized(decision, resource),
    describe: () => `the cost of ${subject}`,
  });
  await access.authorize(credentials, kubePlatformCostReadPermission, {
    cluster: '',
    name: subject,
    owner: owner || '(none)',
  });
}

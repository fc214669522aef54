import { KUBE_PLATFORM_TENANT_RESOURCE_TYPE } from '@kube-platform/plugin-kube-platform-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';

/** What tenant permission rules look at. */
export interface TenantPermissionResource {
  cluster: string;
  name: string;
  /** Owner group entity ref. */
  owner: string;
}

/** Query form of the tenant rules: owners to match. */
export type TenantPermissionQuery = { owners: string[] };

/** Resource ref for tenant permissions of the kube-platform plugin. */
export const tenantPermissionResourceRef = createPermissionResourceRef<
  TenantPermissionResource,
  TenantPermissionQuery
>().with({
  pluginId: 'kube-platform',
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/**
 * Allows when the tenant's owner group is among the claims (the user's ownership
 * refs). Params: `{ claims: string[] }`.
 */
export const isTenantOwnerMember = createPermissionRule<
  typeof tenantPermissionResourceRef,
  { claims: string[] }
>({
  name: 'IS_TENANT_OWNER_MEMBER',
  description:
    "Allow when the tenant is owned by one of the given groups (the user's ownership refs)",
  resourceRef: tenantPermissionResourceRef,
  apply: (resource, { claims }) => claims.includes(resource.owner),
  toQuery: ({ claims }) => ({ owners: claims }),
});

/** Every tenant rule, for registration with the permissions registry. */
export const tenantPermissionRules = [isTenantOwnerMember];

/** Conditions for policy authors: `kubePlatformTenantConditions.isTenantOwnerMember({ claims })`. */
export const {
  conditions: kubePlatformTenantConditions,
  createConditionalDecision: createKubePlatformTenantConditionalDecision,
} = createConditionExports({
  resourceRef: tenantPermissionResourceRef,
  rules: { isTenantOwnerMember },
});

/** Evaluates a conditional tenant decision against a (possibly not yet existing) tenant. */
export const isTenantAuthorized = createConditionAuthorizer(
  tenantPermissionRules,
);

import { KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE } from '@kube-platform/plugin-kube-platform-common';
import {
  createConditionAuthorizer,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';

/** What federated-app permission rules look at. */
export interface FederatedAppPermissionResource {
  namespace: string;
  name: string;
  /** Owner group entity ref. */
  owner: string;
}

/** Query form of the federated-app rules: owners to match. */
export type FederatedAppPermissionQuery = { owners: string[] };

/** Resource ref for federated-app permissions of the kube-platform plugin. */
export const federatedAppPermissionResourceRef = createPermissionResourceRef<
  FederatedAppPermissionResource,
  FederatedAppPermissionQuery
>().with({
  pluginId: 'kube-platform',
  resourceType: KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
});

/** Allows when the app's owner group is among the claims (the user's ownership refs). */
export const isFederatedAppOwnerMember = createPermissionRule<
  typeof federatedAppPermissionResourceRef,
  { claims: string[] }
>({
  name: 'IS_FEDERATED_APP_OWNER_MEMBER',
  description:
    "Allow when the federated app is owned by one of the given groups (the user's ownership refs)",
  resourceRef: federatedAppPermissionResourceRef,
  apply: (resource, { claims }) => claims.includes(resource.owner),
  toQuery: ({ claims }) => ({ owners: claims }),
});

/** Every federated-app rule, for registration with the permissions registry. */
export const federatedAppPermissionRules = [isFederatedAppOwnerMember];

/** Conditions for policy authors: `kubePlatformFederatedAppConditions.isFederatedAppOwnerMember({ claims })`. */
export const {
  conditions: kubePlatformFederatedAppConditions,
  createConditionalDecision: createKubePlatformFederatedAppConditionalDecision,
} = createConditionExports({
  resourceRef: federatedAppPermissionResourceRef,
  rules: { isFederatedAppOwnerMember },
});

/** Evaluates a conditional federated-app decision against an app (possibly not yet stored). */
export const isFederatedAppAuthorized = createConditionAuthorizer(
  federatedAppPermissionRules,
);

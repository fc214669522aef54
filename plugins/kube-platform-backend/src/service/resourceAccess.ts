import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Permission decisions about one kind of owned resource (tenants, federated
 * apps): a conditional decision is applied to the resource at hand, whether
 * it is stored yet or only requested.
 */
export function createResourceAccess<
  TType extends string,
  TResource extends { owner: string },
>(options: {
  permissions: PermissionsService;
  /** The permission that filters lists. */
  readPermission: ResourcePermission<TType>;
  /** Applies a conditional decision to a resource. */
  isAuthorized: (decision: PolicyDecision, resource: TResource) => boolean;
  /** How a 403 names the resource, e.g. "tenant 'x' on 'cluster-1'". */
  describe: (resource: TResource) => string;
}) {
  async function isAllowed(
    credentials: BackstageCredentials,
    permission: ResourcePermission<TType>,
    resource: TResource,
  ): Promise<boolean> {
    const [decision] = await options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    return (
      decision.result === AuthorizeResult.CONDITIONAL &&
      options.isAuthorized(decision, resource)
    );
  }

  return {
    isAllowed,

    /** Throws 403 naming the resource unless the permission is granted for it. */
    async authorize(
      credentials: BackstageCredentials,
      permission: ResourcePermission<TType>,
      resource: TResource,
    ): Promise<void> {
      if (await isAllowed(credentials, permission, resource)) return;
      throw new NotAllowedError(
        `Not allowed to ${
          permission.attributes.action ?? 'use'
        } ${options.describe(resource)} (${permission.name}; owner ${
          resource.owner
        })`,
      );
    },

    /** The resources of `list` the caller may read. */
    async visible<T extends TResource>(
      credentials: BackstageCredentials,
      list: T[],
    ): Promise<T[]> {
      const [decision] = await options.permissions.authorizeConditional(
        [{ permission: options.readPermission }],
        { credentials },
      );
      if (decision.result === AuthorizeResult.ALLOW) return list;
      if (decision.result === AuthorizeResult.DENY) return [];
      return list.filter(r => options.isAuthorized(decision, r));
    },
  };
}

import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { defaultPolicyRules, type PolicyRule } from './policyRules';

/** How the policy decides. */
export interface KubePlatformPermissionPolicyOptions {
  /** Group entity refs whose members may do everything. */
  platformAdminGroups: string[];
  /** Rules for everyone else, asked in order; defaults to {@link defaultPolicyRules}. */
  rules?: PolicyRule[];
}

/**
 * Deny by default: platform admins may do anything; for any other signed-in
 * user the first rule that decides wins; what no rule allows is denied, and so
 * is every request without a user.
 */
export class KubePlatformPermissionPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;
  private readonly rules: PolicyRule[];

  constructor(options: KubePlatformPermissionPolicyOptions) {
    this.admins = new Set(options.platformAdminGroups);
    this.rules = options.rules ?? defaultPolicyRules;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (user.info.ownershipEntityRefs.some(ref => this.admins.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    for (const rule of this.rules) {
      const decision = rule(request, user);
      if (decision) {
        return decision;
      }
    }
    return { result: AuthorizeResult.DENY };
  }
}

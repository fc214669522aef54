import { ManifestApplier } from '@kube-platform/plugin-kube-platform-node';
import {
  computeQuotaUsage,
  ENTITY_NAME_SUBJECTS,
  type IsolationReport,
  type SubjectNaming,
} from '@kube-platform/plugin-kube-platform-common';
import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { StoredTenant } from '../database/TenantStore';
import { checkAllowedRegistries } from './verify/checkAllowedRegistries';
import { checkLimitRangeDefaults } from './verify/checkLimitRangeDefaults';
import { checkNetworkDefaultDeny } from './verify/checkNetworkDefaultDeny';
import { checkPodSecurityLabels } from './verify/checkPodSecurityLabels';
import { checkQuotaEnforced } from './verify/checkQuotaEnforced';
import { checkRoleAccess } from './verify/checkRoleAccess';
import { roleAccessExpectations } from './verify/roleAccessExpectations';

/**
 * Proves a tenant's isolation with evidence from the cluster itself:
 * SubjectAccessReviews for each role, server dry-runs against quota and
 * LimitRange, and the NetworkPolicy and Pod Security labels as stored.
 * Each check lives in its own file under `./verify`; this runs them in order.
 */
export class IsolationVerifier {
  private readonly authz: AuthorizationV1Api;
  private readonly platform: ManifestApplier;
  /** Pods are dry-run as the tenant's own admin: the platform may not create Pods. */
  private readonly tenantAdmin: ManifestApplier;
  private readonly platformNamespace: string;
  private readonly naming: SubjectNaming;

  constructor(options: {
    /** The platform's own connection: SubjectAccessReviews and reads. */
    platform: KubeConfig;
    /** Acting as the tenant-admin identity, for the Pod dry-runs. */
    tenantAdmin: KubeConfig;
    platformNamespace: string;
    naming?: SubjectNaming;
  }) {
    this.authz = options.platform.makeApiClient(AuthorizationV1Api);
    this.platform = new ManifestApplier(options.platform);
    this.tenantAdmin = new ManifestApplier(options.tenantAdmin);
    this.platformNamespace = options.platformNamespace;
    this.naming = options.naming ?? ENTITY_NAME_SUBJECTS;
  }

  /** Runs every check; `quotaUsed` is the namespace's current usage (from the watch cache). */
  async verify(
    tenant: StoredTenant,
    quotaUsed: Array<{
      hard: Record<string, string>;
      used: Record<string, string>;
    }>,
  ): Promise<IsolationReport> {
    const used = Object.fromEntries(
      computeQuotaUsage(quotaUsed).map(u => [u.resource, u.used]),
    );
    const roles = roleAccessExpectations(
      { namespace: tenant.namespace, members: tenant.spec.members },
      { platformNamespace: this.platformNamespace, naming: this.naming },
    );
    const checks = [
      ...(await checkRoleAccess(this.authz, roles)),
      await checkQuotaEnforced(this.tenantAdmin, tenant, used),
      await checkLimitRangeDefaults(this.tenantAdmin, tenant),
      await checkAllowedRegistries(this.tenantAdmin, tenant),
      await checkNetworkDefaultDeny(this.platform, tenant),
      await checkPodSecurityLabels(this.platform, tenant),
    ];
    return {
      cluster: tenant.cluster,
      namespace: tenant.namespace,
      passed: checks.every(c => c.passed),
      checks,
      verifiedAt: new Date().toISOString(),
    };
  }
}

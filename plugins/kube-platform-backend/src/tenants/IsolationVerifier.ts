import {
  apiErrorMessage,
  apiErrorStatus,
  ManifestApplier,
} from '@kube-platform/plugin-kube-platform-node';
import {
  computeQuotaUsage,
  ENTITY_NAME_SUBJECTS,
  type IsolationCheck,
  type IsolationReport,
  parseQuantity,
  registryPrefixes,
  type SubjectNaming,
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
} from '@kube-platform/plugin-kube-platform-common';
import {
  AuthorizationV1Api,
  type KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import type { StoredTenant } from '../database/TenantStore';

type Subject = { user: string; groups?: string[] };

// Passes every Pod Security level and the registry policy, so only the check's
// own subject (quota, LimitRange, registries) can reject it.
function verificationPod(
  namespace: string,
  image: string,
  resources?: object,
): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-platform-verify', namespace },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'verify',
          image,
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          },
          ...(resources ? { resources } : {}),
        },
      ],
    },
  };
}

/**
 * Proves a tenant's isolation with evidence from the cluster itself:
 * SubjectAccessReviews for each role, server dry-runs against quota and
 * LimitRange, and the NetworkPolicy and Pod Security labels as stored.
 */
export class IsolationVerifier {
  private readonly authz: AuthorizationV1Api;
  private readonly applier: ManifestApplier;
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
    this.applier = new ManifestApplier(options.platform);
    this.tenantAdmin = new ManifestApplier(options.tenantAdmin);
    this.platformNamespace = options.platformNamespace;
    this.naming = options.naming ?? ENTITY_NAME_SUBJECTS;
  }

  /** The role identity of a tenant, as a SubjectAccessReview user. */
  private identity(tenant: StoredTenant, level: TenantRoleLevel): Subject {
    const name = tenantRoleServiceAccountName(tenant, level);
    return { user: `system:serviceaccount:${this.platformNamespace}:${name}` };
  }

  private async can(
    subject: Subject,
    namespace: string,
    verb: string,
    resource: string,
    group = '',
  ) {
    const review = await this.authz.createSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: {
          user: subject.user,
          groups: subject.groups,
          resourceAttributes: { namespace, verb, resource, group },
        },
      },
    });
    return {
      allowed: Boolean(review.status?.allowed),
      reason: review.status?.reason ?? review.status?.denied ?? '',
    };
  }

  private async expectAccess(
    id: string,
    description: string,
    subject: Subject,
    expectations: Array<{
      namespace: string;
      verb: string;
      resource: string;
      group?: string;
      allowed: boolean;
    }>,
  ): Promise<IsolationCheck> {
    const evidence: string[] = [];
    let passed = true;
    for (const e of expectations) {
      const answer = await this.can(
        subject,
        e.namespace,
        e.verb,
        e.resource,
        e.group,
      );
      if (answer.allowed !== e.allowed) passed = false;
      evidence.push(
        `${e.verb} ${e.resource} in ${e.namespace}: ${
          answer.allowed ? 'allowed' : 'denied'
        }${answer.reason ? ` (${answer.reason})` : ''}`,
      );
    }
    const who = `${subject.user}${
      subject.groups?.length ? ` [${subject.groups.join(',')}]` : ''
    }`;
    return {
      id,
      description,
      passed,
      evidence: `as ${who}: ${evidence.join('; ')}`,
    };
  }

  private async rbacChecks(tenant: StoredTenant): Promise<IsolationCheck[]> {
    const ns = tenant.namespace;
    const { members } = tenant.spec;
    const admin: Subject = members.admins.length
      ? { user: this.naming.user(members.admins[0]) }
      : this.identity(tenant, 'admin');
    const checks = [
      await this.expectAccess(
        'rbac-admin',
        'Admin may create pods in the tenant namespace but not in default',
        admin,
        [
          { namespace: ns, verb: 'create', resource: 'pods', allowed: true },
          {
            namespace: 'default',
            verb: 'create',
            resource: 'pods',
            allowed: false,
          },
        ],
      ),
    ];
    const developerGroup = members.developers[0];
    checks.push(
      await this.expectAccess(
        'rbac-developer',
        'Developers may deploy but not delete deployments, and only read secrets',
        developerGroup
          ? {
              user: 'kube-platform:verify-developer',
              groups: [this.naming.group(developerGroup)],
            }
          : this.identity(tenant, 'developer'),
        [
          {
            namespace: ns,
            verb: 'create',
            resource: 'deployments',
            group: 'apps',
            allowed: true,
          },
          {
            namespace: ns,
            verb: 'delete',
            resource: 'deployments',
            group: 'apps',
            allowed: false,
          },
          {
            namespace: ns,
            verb: 'update',
            resource: 'secrets',
            allowed: false,
          },
        ],
      ),
    );
    const viewerGroup = members.viewers[0];
    checks.push(
      await this.expectAccess(
        'rbac-viewer',
        'Viewers may read but not change anything, and not read secrets',
        viewerGroup
          ? {
              user: 'kube-platform:verify-viewer',
              groups: [this.naming.group(viewerGroup)],
            }
          : this.identity(tenant, 'viewer'),
        [
          { namespace: ns, verb: 'list', resource: 'pods', allowed: true },
          {
            namespace: ns,
            verb: 'create',
            resource: 'pods',
            allowed: false,
          },
          {
            namespace: ns,
            verb: 'get',
            resource: 'secrets',
            allowed: false,
          },
        ],
      ),
    );
    return checks;
  }

  /** A Pod over the quota's remaining CPU (or memory) requests must be rejected. */
  private async quotaCheck(
    tenant: StoredTenant,
    used: Record<string, string>,
  ): Promise<IsolationCheck> {
    const id = 'quota-enforced';
    const description =
      'A Pod above the remaining quota is rejected by the ResourceQuota';
    const { quota, limitRange } = tenant.spec;
    for (const resource of ['cpu', 'memory'] as const) {
      const hard = parseQuantity(quota[`requests.${resource}`]);
      const remaining =
        hard - parseQuantity(used[`requests.${resource}`] ?? '0');
      const podMax = parseQuantity(limitRange.pod.max[resource]);
      const containerMax = parseQuantity(limitRange.container.max[resource]);
      // The LimitRange is admitted first; only a Pod it accepts can reach the quota.
      if (remaining < Math.min(podMax, containerMax)) {
        const request =
          resource === 'cpu'
            ? `${Math.floor(remaining * 1000) + 1}m`
            : `${Math.floor(remaining) + 1}`;
        const pod = verificationPod(
          tenant.namespace,
          this.allowedImage(tenant),
          {
            requests: { [resource]: request },
            limits: { [resource]: request },
          },
        );
        try {
          await this.tenantAdmin.dryRun(pod as any);
          return {
            id,
            description,
            passed: false,
            evidence: `a Pod requesting ${resource}=${request} was admitted`,
          };
        } catch (error) {
          const message = apiErrorMessage(error);
          return {
            id,
            description,
            passed:
              apiErrorStatus(error) === 403 &&
              message.includes('exceeded quota'),
            evidence: `Pod requesting ${resource}=${request}: ${message}`,
          };
        }
      }
    }
    return {
      id,
      description,
      passed: true,
      evidence:
        'every remaining quota exceeds what one Pod may request under the LimitRange, so no single Pod can exceed it; the quota object is enforced by the ResourceQuota admission plugin',
    };
  }

  private async limitRangeCheck(tenant: StoredTenant): Promise<IsolationCheck> {
    const id = 'limitrange-defaults';
    const description = 'A Pod without resources gets the LimitRange defaults';
    const expected = tenant.spec.limitRange.container;
    try {
      const pod = (await this.tenantAdmin.dryRun(
        verificationPod(tenant.namespace, this.allowedImage(tenant)) as any,
      )) as V1Pod;
      const resources = pod.spec?.containers?.[0]?.resources ?? {};
      const same = (a?: string, b?: string) =>
        a !== undefined &&
        b !== undefined &&
        parseQuantity(a) === parseQuantity(b);
      const passed =
        same(resources.requests?.cpu, expected.defaultRequest.cpu) &&
        same(resources.requests?.memory, expected.defaultRequest.memory) &&
        same(resources.limits?.cpu, expected.default.cpu) &&
        same(resources.limits?.memory, expected.default.memory);
      return {
        id,
        description,
        passed,
        evidence: `admitted Pod resources: ${JSON.stringify(resources)}`,
      };
    } catch (error) {
      return {
        id,
        description,
        passed: false,
        evidence: `dry-run rejected: ${apiErrorMessage(error)}`,
      };
    }
  }

  private allowedImage(tenant: StoredTenant): string {
    const [prefix] = registryPrefixes(tenant.spec.security.allowedRegistries);
    return `${prefix ?? 'registry.k8s.io/'}pause:3.10`;
  }

  /**
   * A Pod from a registry outside the allowed list must be rejected. Policies
   * take effect a few seconds after they are created, so a fresh tenant is
   * retried briefly before the check fails.
   */
  private async registryCheck(tenant: StoredTenant): Promise<IsolationCheck> {
    const id = 'image-registries';
    const allowed = registryPrefixes(tenant.spec.security.allowedRegistries);
    const description = 'Pods may only use images from the allowed registries';
    if (allowed.length === 0) {
      return {
        id,
        description,
        passed: true,
        evidence: 'no registry restriction was requested',
      };
    }
    const image = 'kube-platform-verify.invalid/not-allowed:1';
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await this.tenantAdmin.dryRun(
          verificationPod(tenant.namespace, image) as any,
        );
      } catch (error) {
        const message = apiErrorMessage(error);
        if (message.includes('must come from')) {
          return {
            id,
            description,
            passed: true,
            evidence: `Pod with image ${image}: ${message}`,
          };
        }
        return {
          id,
          description,
          passed: false,
          evidence: `unexpected rejection: ${message}`,
        };
      }
      if (Date.now() > deadline) {
        return {
          id,
          description,
          passed: false,
          evidence: `a Pod with image ${image} was admitted`,
        };
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }

  private async networkCheck(tenant: StoredTenant): Promise<IsolationCheck> {
    const id = 'network-default-deny';
    const description =
      'A default-deny NetworkPolicy selects every Pod for ingress and egress';
    const policy = (await this.applier.read({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: tenant.namespace },
    })) as any;
    if (!policy) {
      return {
        id,
        description,
        passed: false,
        evidence: `no NetworkPolicy default-deny in ${tenant.namespace}`,
      };
    }
    const spec = policy.spec ?? {};
    const types: string[] = spec.policyTypes ?? [];
    const passed =
      Object.keys(spec.podSelector ?? {}).length === 0 &&
      types.includes('Ingress') &&
      types.includes('Egress') &&
      !spec.ingress?.length &&
      !spec.egress?.length;
    return {
      id,
      description,
      passed,
      evidence: `default-deny spec: ${JSON.stringify(spec)}`,
    };
  }

  private async podSecurityCheck(
    tenant: StoredTenant,
  ): Promise<IsolationCheck> {
    const id = 'pod-security-labels';
    const level = tenant.spec.security.podSecurityStandard;
    const description = `Pod Security '${level}' is enforced, audited and warned on the namespace`;
    const ns = await this.applier.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: tenant.namespace },
    });
    const labels = ns?.metadata?.labels ?? {};
    const modes = ['enforce', 'audit', 'warn'].map(
      mode => `pod-security.kubernetes.io/${mode}`,
    );
    const passed = modes.every(key => labels[key] === level);
    return {
      id,
      description,
      passed,
      evidence: modes
        .map(key => `${key}=${labels[key] ?? '(unset)'}`)
        .join(', '),
    };
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
    const checks = [
      ...(await this.rbacChecks(tenant)),
      await this.quotaCheck(tenant, used),
      await this.limitRangeCheck(tenant),
      await this.registryCheck(tenant),
      await this.networkCheck(tenant),
      await this.podSecurityCheck(tenant),
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

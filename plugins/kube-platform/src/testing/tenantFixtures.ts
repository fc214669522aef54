import type { Entity } from '@backstage/catalog-model';
import {
  resolveTenantSpec,
  type EntityQuotaResponse,
  type IsolationReport,
  type NamespaceQuotaUsage,
  type TenantDetails,
} from '@kube-platform/plugin-kube-platform-common';
import { minutesAgo } from './clusterFixtures';

/** The team-alpha Group: owns `team-alpha-dev` on cluster-1 and `team-alpha-prod` on cluster-2. */
export const teamAlphaGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-alpha', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** Development tenant of team-alpha on cluster-1: CPU requests at 85 % (warning), the rest ok. */
export const teamAlphaDevQuota: NamespaceQuotaUsage = {
  cluster: 'cluster-1',
  namespace: 'team-alpha-dev',
  tenant: 'team-alpha-dev',
  resources: [
    {
      resource: 'limits.cpu',
      hard: '8',
      used: '4',
      ratio: 0.5,
      level: 'ok',
    },
    {
      resource: 'pods',
      hard: '50',
      used: '12',
      ratio: 0.24,
      level: 'ok',
    },
    {
      resource: 'requests.cpu',
      hard: '4',
      used: '3400m',
      ratio: 0.85,
      level: 'warning',
    },
  ],
};

/** Production tenant of team-alpha on cluster-2: memory requests at 95 % (critical). */
export const teamAlphaProdQuota: NamespaceQuotaUsage = {
  cluster: 'cluster-2',
  namespace: 'team-alpha-prod',
  tenant: 'team-alpha-prod',
  resources: [
    {
      resource: 'requests.memory',
      hard: '40Gi',
      used: '38Gi',
      ratio: 0.95,
      level: 'critical',
    },
  ],
};

/** Quota of team-alpha's two tenants. */
export const teamAlphaQuota: EntityQuotaResponse = {
  entityRef: 'group:default/team-alpha',
  namespaces: [teamAlphaDevQuota, teamAlphaProdQuota],
};

/** A Resource entity standing for a tenant namespace. */
export function tenantEntity(
  cluster: string,
  name: string,
  options: { tenantAnnotation?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'kube-platform.io/tenant':
          options.tenantAnnotation ?? `${cluster}/${name}`,
        'kube-platform.io/cluster': cluster,
      },
    },
    spec: {
      type: 'kubernetes-namespace',
      owner: 'group:default/team-alpha',
    },
  };
}

/** team-alpha-prod on cluster-2: one NetworkPolicy drifted, one RoleBinding missing. */
export const teamAlphaProdTenant: TenantDetails = {
  name: 'team-alpha-prod',
  namespace: 'team-alpha-prod',
  cluster: 'cluster-2',
  owner: 'group:default/team-alpha',
  environment: 'production',
  costCenter: 'cc-4711',
  createdAt: minutesAgo(3 * 24 * 60),
  phase: 'Active',
  spec: resolveTenantSpec({
    name: 'team-alpha-prod',
    owner: 'group:default/team-alpha',
    cluster: 'cluster-2',
    environment: 'production',
    costCenter: 'cc-4711',
    contact: 'team-alpha@example.com',
  }),
  objects: [
    { kind: 'Namespace', name: 'team-alpha-prod', state: 'present' },
    {
      kind: 'ResourceQuota',
      name: 'tenant-quota',
      namespace: 'team-alpha-prod',
      state: 'present',
    },
    {
      kind: 'NetworkPolicy',
      name: 'default-deny',
      namespace: 'team-alpha-prod',
      state: 'drifted',
      drift: ['spec.ingress', 'spec.policyTypes'],
    },
    {
      kind: 'RoleBinding',
      name: 'tenant-developer',
      namespace: 'team-alpha-prod',
      state: 'missing',
    },
  ],
  quota: teamAlphaProdQuota,
};

/** Evidence of the failed cross-tenant check in {@link teamAlphaProdIsolationReport}. */
export const crossTenantSecretsEvidence =
  'SubjectAccessReview: system:serviceaccount:team-beta:default may list secrets in team-alpha-prod (allowed by ClusterRoleBinding legacy-readers)';

/** Isolation report of team-alpha-prod with one failed check. */
export const teamAlphaProdIsolationReport: IsolationReport = {
  cluster: 'cluster-2',
  namespace: 'team-alpha-prod',
  passed: false,
  verifiedAt: minutesAgo(0),
  checks: [
    {
      id: 'network-default-deny',
      description: 'Ingress from other namespaces is denied by default',
      passed: true,
      evidence: 'NetworkPolicy team-alpha-prod/default-deny selects all pods',
    },
    {
      id: 'cross-tenant-secrets',
      description: 'Other tenants cannot read secrets',
      passed: false,
      evidence: crossTenantSecretsEvidence,
    },
    {
      id: 'pod-security',
      description: 'Pod Security Standard is enforced',
      passed: true,
      evidence: 'pod-security.kubernetes.io/enforce=restricted',
    },
  ],
};

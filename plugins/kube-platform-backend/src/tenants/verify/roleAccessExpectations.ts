import {
  type SubjectNaming,
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';

/** Who a SubjectAccessReview asks about. */
export interface AccessSubject {
  user: string;
  groups?: string[];
}

/** One question to the API server and the answer isolation requires. */
export interface AccessExpectation {
  namespace: string;
  verb: string;
  resource: string;
  group?: string;
  allowed: boolean;
}

/** What one tenant role must and must not be able to do. */
export interface RoleAccessExpectation {
  id: string;
  description: string;
  subject: AccessSubject;
  expectations: AccessExpectation[];
}

/**
 * Who each role's questions are asked as: a real member where the tenant names
 * one (its first admin; a user in its first developer or viewer group), else
 * the role's own ServiceAccount in the platform namespace.
 */
export function roleSubjects(
  tenant: Pick<TenantSpec, 'namespace' | 'members'>,
  options: { platformNamespace: string; naming: SubjectNaming },
): Record<TenantRoleLevel, AccessSubject> {
  const { admins, developers, viewers } = tenant.members;
  const roleAccount = (level: TenantRoleLevel): AccessSubject => ({
    user: `system:serviceaccount:${
      options.platformNamespace
    }:${tenantRoleServiceAccountName(tenant, level)}`,
  });
  const groupMember = (level: TenantRoleLevel, group?: string) =>
    group
      ? {
          user: `kube-platform:verify-${level}`,
          groups: [options.naming.group(group)],
        }
      : roleAccount(level);
  return {
    admin: admins.length
      ? { user: options.naming.user(admins[0]) }
      : roleAccount('admin'),
    developer: groupMember('developer', developers[0]),
    viewer: groupMember('viewer', viewers[0]),
  };
}

function access(
  namespace: string,
  verb: string,
  resource: string,
  allowed: boolean,
  group?: string,
): AccessExpectation {
  return { namespace, verb, resource, ...(group ? { group } : {}), allowed };
}

/** The access each tenant role must have, and must not have, in the tenant's namespace. */
export function roleAccessExpectations(
  tenant: Pick<TenantSpec, 'namespace' | 'members'>,
  options: { platformNamespace: string; naming: SubjectNaming },
): RoleAccessExpectation[] {
  const ns = tenant.namespace;
  const subjects = roleSubjects(tenant, options);
  return [
    {
      id: 'rbac-admin',
      description:
        'Admin may create pods in the tenant namespace but not in default',
      subject: subjects.admin,
      expectations: [
        access(ns, 'create', 'pods', true),
        access('default', 'create', 'pods', false),
      ],
    },
    {
      id: 'rbac-developer',
      description:
        'Developers may deploy but not delete deployments, and only read secrets',
      subject: subjects.developer,
      expectations: [
        access(ns, 'create', 'deployments', true, 'apps'),
        access(ns, 'delete', 'deployments', false, 'apps'),
        access(ns, 'update', 'secrets', false),
      ],
    },
    {
      id: 'rbac-viewer',
      description:
        'Viewers may read but not change anything, and not read secrets',
      subject: subjects.viewer,
      expectations: [
        access(ns, 'list', 'pods', true),
        access(ns, 'create', 'pods', false),
        access(ns, 'get', 'secrets', false),
      ],
    },
  ];
}

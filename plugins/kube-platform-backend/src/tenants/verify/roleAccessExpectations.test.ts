import { ENTITY_NAME_SUBJECTS } from '@kube-platform/plugin-kube-platform-common';
import { roleAccessExpectations } from './roleAccessExpectations';

const options = {
  platformNamespace: 'kube-platform-system',
  naming: ENTITY_NAME_SUBJECTS,
};

const namedMembers = {
  namespace: 'alpha-prod',
  members: {
    admins: ['user:default/alice', 'user:default/bob'],
    developers: ['group:default/team-alpha', 'group:default/other'],
    viewers: ['group:default/auditors'],
  },
};

// Written out in full: these are the questions the verify endpoint asks.
const EXPECTED_ADMIN = {
  id: 'rbac-admin',
  description:
    'Admin may create pods in the tenant namespace but not in default',
  subject: { user: 'alice' },
  expectations: [
    {
      namespace: 'alpha-prod',
      verb: 'create',
      resource: 'pods',
      allowed: true,
    },
    { namespace: 'default', verb: 'create', resource: 'pods', allowed: false },
  ],
};

const EXPECTED_DEVELOPER = {
  id: 'rbac-developer',
  description:
    'Developers may deploy but not delete deployments, and only read secrets',
  subject: { user: 'kube-platform:verify-developer', groups: ['team-alpha'] },
  expectations: [
    {
      namespace: 'alpha-prod',
      verb: 'create',
      resource: 'deployments',
      group: 'apps',
      allowed: true,
    },
    {
      namespace: 'alpha-prod',
      verb: 'delete',
      resource: 'deployments',
      group: 'apps',
      allowed: false,
    },
    {
      namespace: 'alpha-prod',
      verb: 'update',
      resource: 'secrets',
      allowed: false,
    },
  ],
};

const EXPECTED_VIEWER = {
  id: 'rbac-viewer',
  description: 'Viewers may read but not change anything, and not read secrets',
  subject: { user: 'kube-platform:verify-viewer', groups: ['auditors'] },
  expectations: [
    { namespace: 'alpha-prod', verb: 'list', resource: 'pods', allowed: true },
    {
      namespace: 'alpha-prod',
      verb: 'create',
      resource: 'pods',
      allowed: false,
    },
    {
      namespace: 'alpha-prod',
      verb: 'get',
      resource: 'secrets',
      allowed: false,
    },
  ],
};

describe('roleAccessExpectations', () => {
  it('asks as the first named admin and members of the first developer and viewer groups', () => {
    expect(roleAccessExpectations(namedMembers, options)).toStrictEqual([
      EXPECTED_ADMIN,
      EXPECTED_DEVELOPER,
      EXPECTED_VIEWER,
    ]);
  });

  it("asks as each role's ServiceAccount in the platform namespace when nobody is named", () => {
    const roles = roleAccessExpectations(
      {
        namespace: 'tenant-beta',
        members: { admins: [], developers: [], viewers: [] },
      },
      options,
    );
    const account = (level: string) => ({
      user: `system:serviceaccount:kube-platform-system:tenant-beta-${level}`,
    });
    expect(roles.map(r => [r.id, r.subject])).toEqual([
      ['rbac-admin', account('admin')],
      ['rbac-developer', account('developer')],
      ['rbac-viewer', account('viewer')],
    ]);
  });

  it('names subjects the way the cluster was configured to', () => {
    const roles = roleAccessExpectations(
      {
        namespace: 'alpha-prod',
        members: {
          admins: ['user:default/alice'],
          developers: ['group:default/team-alpha'],
          viewers: [],
        },
      },
      {
        platformNamespace: 'platform',
        naming: { user: ref => `oidc:${ref}`, group: ref => `oidc:${ref}` },
      },
    );
    expect(roles.map(r => r.subject)).toEqual([
      { user: 'oidc:user:default/alice' },
      {
        user: 'kube-platform:verify-developer',
        groups: ['oidc:group:default/team-alpha'],
      },
      { user: 'system:serviceaccount:platform:alpha-prod-viewer' },
    ]);
  });
});

import type { TenantSpec } from './tenant';
import {
  DEFAULT_PLATFORM_NAMESPACE,
  TENANT_ROLE_LEVELS,
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
} from './tenantIdentities';
import {
  type KubernetesManifest,
  namespaced,
  RBAC,
  READ,
  type SubjectNaming,
  tenantLabels,
  WRITE_NO_DELETE,
} from './tenantObjectBasics';

function role(spec: TenantSpec, name: string, rules: object[]) {
  return namespaced(spec, `${RBAC}/v1`, 'Role', name, { rules });
}

/** Full control of workloads, config, storage and services; reads quota, limits and events. */
function tenantAdminRole(spec: TenantSpec): KubernetesManifest {
  return role(spec, 'tenant-admin', [
    {
      apiGroups: ['', 'apps', 'batch'],
      resources: [
        'pods',
        'pods/log',
        'pods/exec',
        'deployments',
        'statefulsets',
        'daemonsets',
        'jobs',
        'cronjobs',
        'replicasets',
      ],
      verbs: ['*'],
    },
    {
      apiGroups: [''],
      resources: ['configmaps', 'secrets', 'persistentvolumeclaims'],
      verbs: ['*'],
    },
    {
      apiGroups: ['', 'networking.k8s.io'],
      resources: ['services', 'endpoints', 'ingresses'],
      verbs: ['*'],
    },
    {
      apiGroups: [''],
      resources: ['resourcequotas', 'limitranges', 'events'],
      verbs: READ,
    },
  ]);
}

/** Deploys and debugs workloads and config without deleting them; reads secrets and the rest. */
function tenantDeveloperRole(spec: TenantSpec): KubernetesManifest {
  return role(spec, 'tenant-developer', [
    {
      apiGroups: ['', 'apps', 'batch'],
      resources: [
        'pods',
        'deployments',
        'statefulsets',
        'jobs',
        'cronjobs',
        'replicasets',
      ],
      verbs: WRITE_NO_DELETE,
    },
    { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: WRITE_NO_DELETE },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
    {
      apiGroups: ['', 'networking.k8s.io'],
      resources: ['services', 'endpoints', 'ingresses'],
      verbs: READ,
    },
    {
      apiGroups: [''],
      resources: ['resourcequotas', 'limitranges', 'events'],
      verbs: READ,
    },
  ]);
}

/** Reads everything but secrets, as Kubernetes' own `view` role. */
function tenantViewerRole(spec: TenantSpec): KubernetesManifest {
  return role(spec, 'tenant-viewer', [
    {
      apiGroups: ['', 'apps', 'batch', 'networking.k8s.io'],
      resources: [
        'pods',
        'services',
        'endpoints',
        'configmaps',
        'persistentvolumeclaims',
        'events',
        'resourcequotas',
        'limitranges',
        'deployments',
        'statefulsets',
        'daemonsets',
        'replicasets',
        'jobs',
        'cronjobs',
        'ingresses',
        'networkpolicies',
      ],
      verbs: READ,
    },
    { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  ]);
}

/** The three tenant Roles. */
export function renderRoles(spec: TenantSpec): KubernetesManifest[] {
  return [
    tenantAdminRole(spec),
    tenantDeveloperRole(spec),
    tenantViewerRole(spec),
  ];
}

/** Platform-wide settings that shape a tenant's objects. */
export interface TenantRenderOptions {
  /** Namespace of the platform's own objects: the tenant role identities live there. */
  platformNamespace: string;
}

/** The platform namespace when none is configured. */
export const DEFAULT_RENDER_OPTIONS: TenantRenderOptions = {
  platformNamespace: DEFAULT_PLATFORM_NAMESPACE,
};

function binding(spec: TenantSpec, roleName: string, subjects: object[]) {
  return namespaced(spec, `${RBAC}/v1`, 'RoleBinding', roleName, {
    subjects,
    roleRef: { apiGroup: RBAC, kind: 'Role', name: roleName },
  });
}

/** One ServiceAccount per role in the platform namespace; kubeconfigs are issued for these. */
export function renderRoleIdentities(
  spec: TenantSpec,
  options: TenantRenderOptions,
): KubernetesManifest[] {
  return TENANT_ROLE_LEVELS.map(level => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: tenantRoleServiceAccountName(spec, level),
      namespace: options.platformNamespace,
      labels: {
        ...tenantLabels(spec),
        'kube-platform.io/tenant-namespace': spec.namespace,
        'kube-platform.io/tenant-role': level,
      },
    },
  }));
}

/** Binds members and role identities to the tenant Roles. */
export function renderBindings(
  spec: TenantSpec,
  naming: SubjectNaming,
  options: TenantRenderOptions,
): KubernetesManifest[] {
  const users = (refs: string[]) =>
    [...new Set(refs.map(naming.user))]
      .sort()
      .map(name => ({ kind: 'User', apiGroup: RBAC, name }));
  const groups = (refs: string[]) =>
    [...new Set(refs.map(naming.group))]
      .sort()
      .map(name => ({ kind: 'Group', apiGroup: RBAC, name }));
  const identity = (level: TenantRoleLevel) => ({
    kind: 'ServiceAccount',
    name: tenantRoleServiceAccountName(spec, level),
    namespace: options.platformNamespace,
  });
  return [
    binding(spec, 'tenant-admin', [
      ...users(spec.members.admins),
      identity('admin'),
    ]),
    binding(spec, 'tenant-developer', [
      ...groups(spec.members.developers),
      identity('developer'),
    ]),
    binding(spec, 'tenant-viewer', [
      ...groups(spec.members.viewers),
      identity('viewer'),
    ]),
  ];
}

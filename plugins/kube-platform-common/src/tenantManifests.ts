import type { TenantSpec } from './tenant';
import { entityRefName } from './tenant';
import {
  DEFAULT_PLATFORM_NAMESPACE,
  TENANT_ROLE_LEVELS,
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
} from './tenantIdentities';

/** A Kubernetes object as rendered: plain data, ready for server-side apply. */
export interface KubernetesManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

/** The field manager and label value that mark objects as ours. */
export const KUBE_PLATFORM_MANAGER = 'kube-platform';

/** Names of the roles every tenant gets. */
export const TENANT_ROLES = [
  'tenant-admin',
  'tenant-developer',
  'tenant-viewer',
] as const;

/** How Backstage identities become Kubernetes RBAC subjects. */
export interface SubjectNaming {
  user(ref: string): string;
  group(ref: string): string;
}

/** Users and groups are named after their entity names (`user:default/alice` → `alice`). */
export const ENTITY_NAME_SUBJECTS: SubjectNaming = {
  user: entityRefName,
  group: entityRefName,
};

const RBAC = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];
const WRITE_NO_DELETE = [...READ, 'create', 'update', 'patch'];

function tenantLabels(spec: TenantSpec): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': KUBE_PLATFORM_MANAGER,
    'kube-platform.io/tenant': spec.name,
  };
}

function namespaced(
  spec: TenantSpec,
  apiVersion: string,
  kind: string,
  name: string,
  body: object,
) {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: spec.namespace, labels: tenantLabels(spec) },
    ...body,
  } as KubernetesManifest;
}

function renderNamespace(spec: TenantSpec): KubernetesManifest {
  const level = spec.security.podSecurityStandard;
  const annotations: Record<string, string> = {
    'kube-platform.io/owner': spec.owner,
    'kube-platform.io/contact': spec.contact,
  };
  if (spec.description)
    annotations['kube-platform.io/description'] = spec.description;
  if (spec.security.allowedRegistries.length > 0) {
    annotations['kube-platform.io/allowed-registries'] =
      spec.security.allowedRegistries.join(',');
  }
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: spec.namespace,
      labels: {
        ...tenantLabels(spec),
        tenant: spec.name,
        environment: spec.environment,
        'cost-center': spec.costCenter,
        'kube-platform.io/owner': entityRefName(spec.owner),
        'backstage.io/kubernetes-id': spec.name,
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/audit': level,
        'pod-security.kubernetes.io/warn': level,
      },
      annotations,
    },
  };
}

function renderQuota(spec: TenantSpec) {
  return namespaced(spec, 'v1', 'ResourceQuota', 'tenant-quota', {
    spec: { hard: { ...spec.quota } },
  });
}

function renderLimitRange(spec: TenantSpec) {
  const { container, pod, pvc } = spec.limitRange;
  return namespaced(spec, 'v1', 'LimitRange', 'tenant-limits', {
    spec: {
      limits: [
        { type: 'Pod', max: { ...pod.max } },
        {
          type: 'Container',
          default: { ...container.default },
          defaultRequest: { ...container.defaultRequest },
          min: { ...container.min },
          max: { ...container.max },
          maxLimitRequestRatio: { ...container.maxLimitRequestRatio },
        },
        {
          type: 'PersistentVolumeClaim',
          min: { ...pvc.min },
          max: { ...pvc.max },
        },
      ],
    },
  });
}

/** Image prefixes as matched by the registry policy: each ends with exactly one `/`. */
export function registryPrefixes(registries: string[]): string[] {
  return [...new Set(registries.map(r => `${r.replace(/\/+$/, '')}/`))].sort();
}

/** Name of a tenant's cluster-scoped registry policy and its binding. */
export function registryPolicyName(
  spec: Pick<TenantSpec, 'namespace'>,
): string {
  return `kube-platform-registries-${spec.namespace}`;
}

/**
 * Allowed image registries, enforced by a ValidatingAdmissionPolicy bound to
 * the tenant's namespace. Cluster-scoped, so tenant admins cannot change it.
 */
function renderRegistryPolicy(spec: TenantSpec): KubernetesManifest[] {
  const registries = spec.security.allowedRegistries;
  if (registries.length === 0) return [];
  const name = registryPolicyName(spec);
  const allowedImages = (field: string) =>
    `(!has(object.spec.${field}) || object.spec.${field}.all(c, variables.allowed.exists(p, c.image.startsWith(p))))`;
  const metadata = { name, labels: tenantLabels(spec) };
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata,
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': spec.namespace },
          },
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['pods'],
            },
          ],
        },
        variables: [
          {
            name: 'allowed',
            expression: JSON.stringify(registryPrefixes(registries)),
          },
        ],
        validations: [
          {
            expression: ['containers', 'initContainers', 'ephemeralContainers']
              .map(allowedImages)
              .join(' && '),
            messageExpression: `'images in ${spec.namespace} must come from: ' + variables.allowed.join(', ')`,
            reason: 'Forbidden',
          },
        ],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata,
      spec: { policyName: name, validationActions: ['Deny'] },
    },
  ];
}

function networkPolicy(spec: TenantSpec, name: string, body: object) {
  return namespaced(spec, 'networking.k8s.io/v1', 'NetworkPolicy', name, {
    spec: { podSelector: {}, ...body },
  });
}

function byNamespaceName(name: string) {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
  };
}

function renderNetworkPolicies(spec: TenantSpec): KubernetesManifest[] {
  const net = spec.networking;
  if (!net.isolation) return [];
  const policies = [
    networkPolicy(spec, 'default-deny', { policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy(spec, 'allow-same-namespace', {
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    networkPolicy(spec, 'allow-from-ingress-controller', {
      policyTypes: ['Ingress'],
      ingress: [{ from: [byNamespaceName(net.ingressControllerNamespace)] }],
    }),
  ];
  if (net.allowDns) {
    policies.push(
      networkPolicy(spec, 'allow-dns', {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                ...byNamespaceName('kube-system'),
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      }),
    );
  }
  if (net.allowedNamespaces.length > 0) {
    policies.push(
      networkPolicy(spec, 'allow-from-namespaces', {
        policyTypes: ['Ingress'],
        ingress: [
          { from: [...net.allowedNamespaces].sort().map(byNamespaceName) },
        ],
      }),
    );
  }
  if (net.allowedEgressPorts.length > 0) {
    policies.push(
      networkPolicy(spec, 'allow-egress-ports', {
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [...new Set(net.allowedEgressPorts)]
              .sort((a, b) => a - b)
              .map(port => ({ protocol: 'TCP', port })),
          },
        ],
      }),
    );
  }
  return policies;
}

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

function renderRoles(spec: TenantSpec): KubernetesManifest[] {
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

const DEFAULT_RENDER_OPTIONS: TenantRenderOptions = {
  platformNamespace: DEFAULT_PLATFORM_NAMESPACE,
};

function binding(spec: TenantSpec, roleName: string, subjects: object[]) {
  return namespaced(spec, `${RBAC}/v1`, 'RoleBinding', roleName, {
    subjects,
    roleRef: { apiGroup: RBAC, kind: 'Role', name: roleName },
  });
}

/** One ServiceAccount per role in the platform namespace; kubeconfigs are issued for these. */
function renderRoleIdentities(
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

function renderBindings(
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

/**
 * Renders every object of a tenant, in the order they must be applied: the
 * Namespace first, then its guard rails (quota, limits, registry policy,
 * network policies), then RBAC and the role identities in the platform
 * namespace. Pure and deterministic: the same spec always gives the same objects.
 */
export function renderTenantManifests(
  spec: TenantSpec,
  naming: SubjectNaming = ENTITY_NAME_SUBJECTS,
  options: TenantRenderOptions = DEFAULT_RENDER_OPTIONS,
): KubernetesManifest[] {
  return [
    renderNamespace(spec),
    renderQuota(spec),
    renderLimitRange(spec),
    ...renderRegistryPolicy(spec),
    ...renderNetworkPolicies(spec),
    ...renderRoles(spec),
    ...renderRoleIdentities(spec, options),
    ...renderBindings(spec, naming, options),
  ];
}

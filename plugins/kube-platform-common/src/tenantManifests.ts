import type { TenantSpec } from './tenant';
import { entityRefName } from './tenant';
import {
  DEFAULT_RENDER_OPTIONS,
  renderBindings,
  renderRoleIdentities,
  renderRoles,
  type TenantRenderOptions,
} from './tenantRbacManifests';
import {
  ENTITY_NAME_SUBJECTS,
  type KubernetesManifest,
  namespaced,
  type SubjectNaming,
  tenantLabels,
} from './tenantObjectBasics';

export {
  ENTITY_NAME_SUBJECTS,
  KUBE_PLATFORM_MANAGER,
  TENANT_ROLES,
  type KubernetesManifest,
  type SubjectNaming,
} from './tenantObjectBasics';
export type { TenantRenderOptions } from './tenantRbacManifests';

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

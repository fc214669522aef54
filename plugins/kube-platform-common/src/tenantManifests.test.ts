import { tenantRequestSchema } from './tenant';
import { registryPrefixes, renderTenantManifests } from './tenantManifests';
import { resolveTenantSpec } from './tenantPresets';

const spec = resolveTenantSpec(
  tenantRequestSchema.parse({
    name: 'alpha',
    owner: 'group:default/team-alpha',
    cluster: 'cluster-1',
    environment: 'production',
    costCenter: 'engineering',
    contact: 'alpha-team@example.com',
    description: 'Alpha team production',
    networking: {
      allowedNamespaces: ['monitoring', 'database'],
      allowedEgressPorts: [5432, 443, 443],
    },
    security: { allowedRegistries: ['registry.example.com'] },
    members: {
      admins: ['user:default/alice'],
      developers: ['group:default/team-alpha'],
      viewers: ['group:default/team-beta'],
    },
  }),
);

const manifests = renderTenantManifests(spec);
const find = (kind: string, name: string) =>
  manifests.find(m => m.kind === kind && m.metadata.name === name) as any;

describe('renderTenantManifests', () => {
  it('renders the namespace first and RBAC last', () => {
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Namespace/alpha',
      'ResourceQuota/tenant-quota',
      'LimitRange/tenant-limits',
      'ValidatingAdmissionPolicy/kube-platform-registries-alpha',
      'ValidatingAdmissionPolicyBinding/kube-platform-registries-alpha',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/allow-same-namespace',
      'NetworkPolicy/allow-from-ingress-controller',
      'NetworkPolicy/allow-dns',
      'NetworkPolicy/allow-from-namespaces',
      'NetworkPolicy/allow-egress-ports',
      'Role/tenant-admin',
      'Role/tenant-developer',
      'Role/tenant-viewer',
      'ServiceAccount/alpha-admin',
      'ServiceAccount/alpha-developer',
      'ServiceAccount/alpha-viewer',
      'RoleBinding/tenant-admin',
      'RoleBinding/tenant-developer',
      'RoleBinding/tenant-viewer',
    ]);
    for (const m of manifests
      .slice(1)
      .filter(
        o => !o.kind.startsWith('ValidatingAdmission') && o.kind !== 'ServiceAccount',
      )) {
      expect(m.metadata.namespace).toBe('alpha');
      expect(m.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'kube-platform',
        'kube-platform.io/tenant': 'alpha',
      });
    }
  });

  it('labels the namespace for tenancy, cost, Pod Security and the stock Kubernetes tab', () => {
    const ns = find('Namespace', 'alpha');
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'kube-platform',
      'kube-platform.io/tenant': 'alpha',
      'kube-platform.io/owner': 'team-alpha',
      tenant: 'alpha',
      environment: 'production',
      'cost-center': 'engineering',
      'backstage.io/kubernetes-id': 'alpha',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(ns.metadata.annotations).toEqual({
      'kube-platform.io/owner': 'group:default/team-alpha',
      'kube-platform.io/contact': 'alpha-team@example.com',
      'kube-platform.io/description': 'Alpha team production',
      'kube-platform.io/allowed-registries': 'registry.example.com',
    });
  });

  it('puts the quota and LimitRange values in place', () => {
    expect(
      find('ResourceQuota', 'tenant-quota').spec.hard['requests.cpu'],
    ).toBe('100');
    expect(
      find('ResourceQuota', 'tenant-quota').spec.hard['services.nodeports'],
    ).toBe('20');
    const limits = find('LimitRange', 'tenant-limits').spec.limits;
    expect(limits.find((l: any) => l.type === 'Container')).toMatchObject({
      default: { cpu: '1', memory: '1Gi' },
      defaultRequest: { cpu: '500m', memory: '512Mi' },
      maxLimitRequestRatio: { cpu: '4', memory: '4' },
    });
    expect(limits.find((l: any) => l.type === 'PersistentVolumeClaim')).toEqual(
      {
        type: 'PersistentVolumeClaim',
        min: { storage: '1Gi' },
        max: { storage: '100Gi' },
      },
    );
  });

  it('denies by default and opens only what was asked for', () => {
    expect(find('NetworkPolicy', 'default-deny').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(
      find('NetworkPolicy', 'allow-from-namespaces').spec.ingress[0].from,
    ).toEqual([
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'database' },
        },
      },
      {
        namespaceSelector: {
          matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
        },
      },
    ]);
    expect(
      find('NetworkPolicy', 'allow-egress-ports').spec.egress[0].ports,
    ).toEqual([
      { protocol: 'TCP', port: 443 },
      { protocol: 'TCP', port: 5432 },
    ]);
    expect(
      find('NetworkPolicy', 'allow-dns').spec.egress[0].ports.map(
        (p: any) => p.protocol,
      ),
    ).toEqual(['UDP', 'TCP']);
  });

  it('renders no network policies when isolation is off', () => {
    const open = renderTenantManifests({
      ...spec,
      networking: { ...spec.networking, isolation: false },
    });
    expect(open.filter(m => m.kind === 'NetworkPolicy')).toEqual([]);
  });

  it('gives developers no delete and viewers no secrets', () => {
    const developer = find('Role', 'tenant-developer').rules as any[];
    expect(developer.flatMap(r => r.verbs)).not.toContain('delete');
    expect(developer.find(r => r.resources.includes('secrets')).verbs).toEqual([
      'get',
      'list',
    ]);
    expect(
      developer.find(r => r.resources.includes('pods/exec')).verbs,
    ).toContain('create');
    const viewer = find('Role', 'tenant-viewer').rules as any[];
    expect(viewer.flatMap(r => r.resources)).not.toContain('secrets');
    expect(new Set(viewer.flatMap(r => r.verbs))).toEqual(
      new Set(['get', 'list', 'watch']),
    );
    const admin = find('Role', 'tenant-admin').rules as any[];
    expect(
      admin.find(r => r.resources.includes('resourcequotas')).verbs,
    ).toEqual(['get', 'list', 'watch']);
  });

  it('binds users, groups and one role identity each from the platform namespace', () => {
    expect(find('RoleBinding', 'tenant-admin').subjects).toEqual([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      {
        kind: 'ServiceAccount',
        name: 'alpha-admin',
        namespace: 'kube-platform-system',
      },
    ]);
    expect(find('RoleBinding', 'tenant-developer').subjects).toEqual([
      {
        kind: 'Group',
        apiGroup: 'rbac.authorization.k8s.io',
        name: 'team-alpha',
      },
      {
        kind: 'ServiceAccount',
        name: 'alpha-developer',
        namespace: 'kube-platform-system',
      },
    ]);
    expect(find('RoleBinding', 'tenant-viewer').roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'tenant-viewer',
    });
  });

  it('keeps role identities out of the tenant namespace, so no tenant Pod can mount them', () => {
    const identities = manifests.filter(m => m.kind === 'ServiceAccount');
    expect(identities.map(m => m.metadata.namespace)).toEqual([
      'kube-platform-system',
      'kube-platform-system',
      'kube-platform-system',
    ]);
    expect(find('ServiceAccount', 'alpha-viewer').metadata.labels).toMatchObject({
      'kube-platform.io/tenant': 'alpha',
      'kube-platform.io/tenant-role': 'viewer',
    });
    const elsewhere = renderTenantManifests(spec, undefined, {
      platformNamespace: 'platform',
    }).filter(m => m.kind === 'ServiceAccount');
    expect(elsewhere.map(m => m.metadata.namespace)).toEqual([
      'platform',
      'platform',
      'platform',
    ]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(renderTenantManifests(spec))).toBe(
      JSON.stringify(manifests),
    );
  });

  it('enforces allowed registries with a policy bound to the tenant namespace only', () => {
    const policy = find(
      'ValidatingAdmissionPolicy',
      'kube-platform-registries-alpha',
    );
    expect(policy.metadata.namespace).toBeUndefined();
    expect(policy.spec.matchConstraints.namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'alpha' },
    });
    expect(policy.spec.variables).toEqual([
      { name: 'allowed', expression: '["registry.example.com/"]' },
    ]);
    expect(policy.spec.validations[0].expression).toContain(
      'object.spec.initContainers.all',
    );
    expect(
      find('ValidatingAdmissionPolicyBinding', 'kube-platform-registries-alpha')
        .spec,
    ).toEqual({
      policyName: 'kube-platform-registries-alpha',
      validationActions: ['Deny'],
    });
    const open = renderTenantManifests({
      ...spec,
      security: { ...spec.security, allowedRegistries: [] },
    });
    expect(open.some(m => m.kind === 'ValidatingAdmissionPolicy')).toBe(false);
  });

  it('normalises registry prefixes so a prefix cannot match a longer host', () => {
    expect(
      registryPrefixes([
        'registry.example.com/',
        'ghcr.io/team',
        'ghcr.io/team/',
      ]),
    ).toEqual(['ghcr.io/team/', 'registry.example.com/']);
  });
});

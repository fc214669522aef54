import { ConfigReader } from '@backstage/config';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  resolveTenantSpec,
  type TenantGuardrailIssue,
  type TenantRequest,
  tenantRequestSchema,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterCacheService,
  createClusterRegistryFromConfig,
} from '@kube-platform/plugin-kube-platform-node';
import {
  assessTenantRequest,
  readTenantPolicySettings,
  throwForGuardrailIssues,
} from './tenantGuardrails';

const managed = { 'app.kubernetes.io/managed-by': 'kube-platform' };

const reflector = <T>(items: T[], synced = true) => ({
  list: () => items,
  status: () => ({ synced, count: items.length }),
});

/** A watch cache built from plain data: 8 CPU and 32Gi allocatable, 6 CPU and 24Gi promised. */
function cacheWith(
  options: { nodesSynced?: boolean } = {},
): ClusterCacheService {
  const nodesSynced = options.nodesSynced ?? true;
  const cache = {
    namespaces: reflector([
      { name: 'team-alpha-prod', labels: managed, annotations: {} },
      { name: 'legacy-app', labels: {}, annotations: {} },
    ]),
    resourceQuotas: reflector([
      {
        namespace: 'team-alpha-prod',
        name: 'tenant-quota',
        hard: { 'requests.cpu': '6', 'requests.memory': '24Gi' },
        used: {},
      },
      // Not a tenant: capacity does not count it as promised.
      {
        namespace: 'legacy-app',
        name: 'old-quota',
        hard: { 'requests.cpu': '100', 'requests.memory': '1Ti' },
        used: {},
      },
    ]),
    nodes: reflector([
      {
        name: 'n1',
        labels: {},
        ready: true,
        allocatable: { cpu: '8', memory: '32Gi' },
        capacity: {},
      },
    ]),
    status: () => ({
      synced: nodesSynced,
      resources: {
        namespaces: { synced: true, count: 2 },
        resourcequotas: { synced: true, count: 2 },
        nodes: { synced: nodesSynced, count: 1 },
      },
    }),
  };
  return {
    forCluster: (name: string) => {
      if (name !== 'cluster-1') throw new Error(`unexpected cluster ${name}`);
      return cache;
    },
    start: async () => {},
    stop: () => {},
  } as unknown as ClusterCacheService;
}

function registryWith(maxOvercommit?: object) {
  return createClusterRegistryFromConfig(
    new ConfigReader({
      kubePlatform: {
        clusters: [
          {
            name: 'cluster-1',
            url: 'https://127.0.0.1:1',
            skipTLSVerify: true,
            auth: { provider: 'serviceAccount', token: 't' },
            ...(maxOvercommit && { maxOvercommit }),
          },
        ],
      },
    }),
  );
}

const settings = {
  namespacePrefix: '',
  platformNamespace: 'kube-platform-system',
  reservedNamespaces: ['monitoring'],
};

function assess(
  request: Partial<TenantRequest>,
  options: {
    elevationAllowed?: boolean;
    maxOvercommit?: object;
    nodesSynced?: boolean;
  } = {},
) {
  const spec = resolveTenantSpec(
    tenantRequestSchema.parse({
      name: 'team-beta-dev',
      owner: 'group:default/team-beta',
      cluster: 'cluster-1',
      environment: 'development',
      costCenter: 'engineering',
      contact: 'beta@example.com',
      ...request,
    }),
  );
  return assessTenantRequest({
    spec,
    elevationAllowed: options.elevationAllowed ?? false,
    settings,
    clusterRegistry: registryWith(options.maxOvercommit),
    clusterCache: cacheWith({ nodesSynced: options.nodesSynced }),
  });
}

describe('assessTenantRequest', () => {
  it('passes a preset request on a cluster without limits', () => {
    expect(assess({})).toEqual([]);
  });

  it('collects invalid, reserved, elevation and overcommit issues together', () => {
    const issues = assess(
      {
        name: 'monitoring',
        quota: { 'requests.cpu': '50', 'limits.cpu': '41' },
      },
      { maxOvercommit: { cpu: 1.5 } },
    );
    expect(issues.map(i => [i.code, i.field])).toEqual([
      ['reserved', 'name'],
      ['invalid', 'quota.requests.cpu'],
      ['needs-elevation', 'quota.requests.cpu'],
      ['needs-elevation', 'quota.limits.cpu'],
      ['overcommit', 'quota.requests.cpu'],
    ]);
  });

  it('leaves out elevations when the caller may elevate', () => {
    const request = {
      quotaPreset: 'large',
      security: { podSecurityStandard: 'privileged' },
    } as const;
    expect(assess(request).map(i => i.code)).toContain('needs-elevation');
    expect(assess(request, { elevationAllowed: true })).toEqual([]);
  });

  it("counts only tenants' quota as promised and checks the cluster's limit", () => {
    // 6 promised + 4 small-preset requests = 10 CPU against 8 × 1.5 = 12.
    expect(assess({}, { maxOvercommit: { cpu: 1.5 } })).toEqual([]);
    // 24Gi promised + 8Gi = 32Gi against 32Gi × 1 = 32Gi: exactly at the limit.
    expect(assess({}, { maxOvercommit: { memory: 1 } })).toEqual([]);
    expect(assess({}, { maxOvercommit: { cpu: 1.2, memory: 0.9 } })).toEqual([
      {
        field: 'quota.requests.cpu',
        code: 'overcommit',
        message:
          'cluster-1 would promise 10 CPU (requests.cpu) against 8 CPU allocatable; the limit is 1.2× = 9.6 CPU ' +
          '(6 CPU already promised to other tenants, 4 CPU requested)',
      },
      {
        field: 'quota.requests.memory',
        code: 'overcommit',
        message:
          'cluster-1 would promise 32Gi (requests.memory) against 32Gi allocatable; the limit is 0.9× = 28.8Gi ' +
          '(24Gi already promised to other tenants, 8Gi requested)',
      },
    ]);
  });

  it("replaces the tenant's current quota when it updates itself", () => {
    // team-alpha-prod already holds 6 of the 12 allowed; asking for 12 replaces them.
    const update = {
      name: 'team-alpha-prod',
      environment: 'production',
      quota: { 'requests.cpu': '12' },
    } as const;
    expect(assess(update, { maxOvercommit: { cpu: 1.5 } })).toEqual([]);
    expect(
      assess(
        { ...update, quota: { 'requests.cpu': '13' } },
        { maxOvercommit: { cpu: 1.5 } },
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'overcommit',
        message: expect.stringContaining('would promise 13 CPU'),
      }),
    ]);
  });

  it('refuses to guess while the watch cache has not synced', () => {
    expect(
      assess({}, { maxOvercommit: { cpu: 1.5 }, nodesSynced: false }),
    ).toEqual([
      {
        field: 'cluster',
        code: 'overcommit',
        message:
          'cannot check cluster-1 against its overcommit limit: its watch cache has not synced nodes yet; try again shortly',
      },
    ]);
    // Without a limit nothing depends on the cache.
    expect(assess({}, { nodesSynced: false })).toEqual([]);
  });
});

describe('throwForGuardrailIssues', () => {
  const issue = (
    code: TenantGuardrailIssue['code'],
    field: string,
  ): TenantGuardrailIssue => ({ code, field, message: `${field} problem` });

  it('returns when there is nothing to refuse', () => {
    expect(() => throwForGuardrailIssues([])).not.toThrow();
  });

  it('answers invalid and reserved with 400, listing them all', () => {
    const issues = [
      issue('overcommit', 'quota.requests.cpu'),
      issue('needs-elevation', 'networking.isolation'),
      issue('reserved', 'name'),
      issue('invalid', 'quota.requests.memory'),
    ];
    expect(() => throwForGuardrailIssues(issues)).toThrow(
      new InputError(
        'Invalid tenant request: name: name problem; quota.requests.memory: quota.requests.memory problem',
      ),
    );
    expect(() => throwForGuardrailIssues(issues)).toThrow(InputError);
  });

  it('answers what needs elevation with 403 naming each field and the permission', () => {
    const issues = [
      issue('overcommit', 'quota.requests.cpu'),
      issue('needs-elevation', 'security.podSecurityStandard'),
      issue('needs-elevation', 'networking.isolation'),
    ];
    expect(() => throwForGuardrailIssues(issues)).toThrow(NotAllowedError);
    expect(() => throwForGuardrailIssues(issues)).toThrow(
      "Tenant request goes beyond its environment's guard rails: " +
        'security.podSecurityStandard: security.podSecurityStandard problem; networking.isolation: networking.isolation problem. ' +
        'security.podSecurityStandard, networking.isolation need kube-platform.tenant.elevate (a platform admin)',
    );
  });

  it('answers overcommit with 409 and its numbers', () => {
    const issues = [
      {
        field: 'quota.requests.cpu',
        code: 'overcommit' as const,
        message:
          'cluster-1 would promise 13 CPU (requests.cpu) against 8 CPU allocatable',
      },
    ];
    expect(() => throwForGuardrailIssues(issues)).toThrow(ConflictError);
    expect(() => throwForGuardrailIssues(issues)).toThrow(
      'Tenant request would overcommit the cluster: quota.requests.cpu: cluster-1 would promise 13 CPU',
    );
  });
});

describe('readTenantPolicySettings', () => {
  const read = (kubePlatform: object) =>
    readTenantPolicySettings(new ConfigReader({ kubePlatform }));

  it('defaults to no prefix, kube-platform-system and no extra reservations', () => {
    expect(read({})).toEqual({
      namespacePrefix: '',
      platformNamespace: 'kube-platform-system',
      reservedNamespaces: [],
    });
  });

  it('reads the configured values', () => {
    expect(
      read({
        platformNamespace: 'platform',
        tenants: {
          namespacePrefix: 'tenant-',
          reservedNamespaces: ['monitoring', 'istio-*'],
        },
      }),
    ).toEqual({
      namespacePrefix: 'tenant-',
      platformNamespace: 'platform',
      reservedNamespaces: ['monitoring', 'istio-*'],
    });
  });

  it.each([
    [
      { platformNamespace: 'Platform' },
      "'kubePlatform.platformNamespace': 'Platform' is not a namespace name",
    ],
    [
      { tenants: { reservedNamespaces: ['ok', 'istio*-x'] } },
      "'kubePlatform.tenants.reservedNamespaces[1]': 'istio*-x' is neither a namespace name nor a prefix ending with *",
    ],
    [
      { tenants: { reservedNamespaces: ['*'] } },
      "'kubePlatform.tenants.reservedNamespaces[0]'",
    ],
  ])('names the key of a bad value %#', (kubePlatform, message) => {
    expect(() => read(kubePlatform)).toThrow(message);
  });
});

import { tenantRequestSchema } from './tenant';
import { resolveTenantSpec } from './tenantPresets';
import { validateTenantSpec } from './tenantValidation';

const valid = {
  name: 'alpha-prod',
  owner: 'group:default/team-alpha',
  cluster: 'cluster-1',
  environment: 'production',
  costCenter: 'engineering',
  contact: 'alpha-team@example.com',
  description: 'Payments in production',
};

function firstIssuePath(input: unknown): string | undefined {
  const result = tenantRequestSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0].path.join('.');
}

describe('tenantRequestSchema', () => {
  it('accepts a minimal request', () => {
    expect(tenantRequestSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    [{ ...valid, name: 'Alpha' }, 'name'],
    [{ ...valid, name: 'alpha_prod' }, 'name'],
    [{ ...valid, name: '-alpha' }, 'name'],
    [{ ...valid, name: 'a'.repeat(64) }, 'name'],
    [{ ...valid, name: 42 }, 'name'],
    [{ ...valid, owner: 'team-alpha' }, 'owner'],
    [{ ...valid, owner: 'user:default/alice' }, 'owner'],
    [{ ...valid, cluster: 'Cluster 1' }, 'cluster'],
    [{ ...valid, environment: 'qa' }, 'environment'],
    [{ ...valid, costCenter: 'has spaces' }, 'costCenter'],
    [{ ...valid, quota: { 'requests.cpu': 'lots' } }, 'quota.requests.cpu'],
    [{ ...valid, quota: { 'limits.memory': '1 Gi' } }, 'quota.limits.memory'],
    [{ ...valid, quota: { pods: '1.5' } }, 'quota.pods'],
    [{ ...valid, quota: { 'requests.gpu': '1' } }, 'quota'],
    [
      { ...valid, limitRange: { container: { max: { cpu: 'x' } } } },
      'limitRange.container.max.cpu',
    ],
    [
      { ...valid, networking: { allowedEgressPorts: [70000] } },
      'networking.allowedEgressPorts.0',
    ],
    [
      { ...valid, security: { podSecurityStandard: 'strict' } },
      'security.podSecurityStandard',
    ],
    [
      { ...valid, members: { admins: ['group:default/team-alpha'] } },
      'members.admins.0',
    ],
    [
      { ...valid, security: { allowedRegistries: ['evil"registry'] } },
      'security.allowedRegistries.0',
    ],
    [{ ...valid, extra: true }, ''],
    [{ ...valid, contact: undefined }, 'contact'],
  ])('rejects bad input %# at %p', (input, path) => {
    expect(firstIssuePath(input)).toBe(path);
  });

  it('accepts counts as numbers and normalises them to strings', () => {
    const result = tenantRequestSchema.parse({ ...valid, quota: { pods: 20 } });
    expect(result.quota?.pods).toBe('20');
  });
});

describe('resolveTenantSpec', () => {
  it('mirrors the tenant-alpha reference values for production', () => {
    const spec = resolveTenantSpec(tenantRequestSchema.parse(valid));
    expect(spec.quota).toEqual({
      'requests.cpu': '100',
      'requests.memory': '200Gi',
      'limits.cpu': '200',
      'limits.memory': '400Gi',
      'requests.storage': '1Ti',
      pods: '500',
      services: '100',
      'services.loadbalancers': '10',
      'services.nodeports': '20',
      persistentvolumeclaims: '50',
      configmaps: '200',
      secrets: '200',
    });
    expect(spec.limitRange).toEqual({
      container: {
        default: { cpu: '1', memory: '1Gi' },
        defaultRequest: { cpu: '500m', memory: '512Mi' },
        min: { cpu: '100m', memory: '128Mi' },
        max: { cpu: '8', memory: '16Gi' },
        maxLimitRequestRatio: { cpu: '4', memory: '4' },
      },
      pod: { max: { cpu: '16', memory: '32Gi' } },
      pvc: { min: { storage: '1Gi' }, max: { storage: '100Gi' } },
    });
    expect(spec.security.podSecurityStandard).toBe('restricted');
    expect(spec.members).toEqual({
      admins: [],
      developers: ['group:default/team-alpha'],
      viewers: [],
    });
    expect(spec.namespace).toBe('alpha-prod');
  });

  it('layers a quota preset and explicit values over the environment preset', () => {
    const spec = resolveTenantSpec(
      tenantRequestSchema.parse({
        ...valid,
        environment: 'development',
        quotaPreset: 'medium',
        quota: { pods: 7 },
        limitRange: { container: { max: { cpu: '3' } } },
      }),
      { namespacePrefix: 'tenant-' },
    );
    expect(spec.namespace).toBe('tenant-alpha-prod');
    expect(spec.quota['requests.cpu']).toBe('20');
    expect(spec.quota.pods).toBe('7');
    expect(spec.limitRange.container.max).toEqual({ cpu: '3', memory: '4Gi' });
    expect(spec.security.podSecurityStandard).toBe('baseline');
  });
});

describe('validateTenantSpec', () => {
  const resolve = (input: object, prefix?: string) =>
    resolveTenantSpec(tenantRequestSchema.parse({ ...valid, ...input }), {
      namespacePrefix: prefix,
    });

  it('passes the presets', () => {
    for (const environment of ['development', 'staging', 'production']) {
      expect(validateTenantSpec(resolve({ environment }))).toEqual([]);
    }
  });

  it('counts the prefix in the 63-character namespace limit', () => {
    const issues = validateTenantSpec(
      resolve({ name: 'a'.repeat(60) }, 'tenant-'),
    );
    expect(issues.map(i => i.path)).toEqual(['name']);
    expect(issues[0].message).toContain('67 characters');
  });

  it('rejects reserved namespaces', () => {
    expect(
      validateTenantSpec(resolve({ name: 'kube-system' })).map(i => i.path),
    ).toEqual(['name']);
    expect(
      validateTenantSpec(resolve({ name: 'default' })).map(i => i.path),
    ).toEqual(['name']);
  });

  it('names LimitRange values out of order', () => {
    const issues = validateTenantSpec(
      resolve({
        limitRange: {
          container: {
            default: { cpu: '10' },
            maxLimitRequestRatio: { memory: '0.5' },
          },
          pvc: { min: { storage: '200Gi' } },
        },
      }),
    );
    expect(issues.map(i => i.path)).toEqual([
      'limitRange.container.default.cpu',
      'limitRange.container.maxLimitRequestRatio.memory',
      'limitRange.pvc.min.storage',
    ]);
  });
});

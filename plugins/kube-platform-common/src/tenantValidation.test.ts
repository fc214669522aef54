import { type TenantRequest, tenantRequestSchema } from './tenant';
import { resolveTenantSpec } from './tenantPresets';
import { findTenantSpecIssues, validateTenantSpec } from './tenantValidation';

const base = {
  name: 'alpha',
  owner: 'group:default/team-alpha',
  cluster: 'cluster-1',
  environment: 'staging',
  costCenter: 'engineering',
  contact: 'alpha-team@example.com',
} as const;

const resolve = (request: Partial<TenantRequest>, namespacePrefix?: string) =>
  resolveTenantSpec(tenantRequestSchema.parse({ ...base, ...request }), {
    namespacePrefix,
  });

describe('findTenantSpecIssues', () => {
  it('codes reserved namespaces as reserved, with the reason', () => {
    expect(findTenantSpecIssues(resolve({ name: 'ingress-nginx' }))).toEqual([
      {
        field: 'name',
        code: 'reserved',
        message:
          "'ingress-nginx' is reserved: tenant network policies trust it as the ingress controller namespace",
      },
    ]);
  });

  it('checks the namespace with its prefix against the configured reservations', () => {
    const options = { reservedNamespaces: ['tenant-infra-*'] };
    expect(
      findTenantSpecIssues(resolve({ name: 'infra-db' }, 'tenant-'), options),
    ).toEqual([
      expect.objectContaining({
        field: 'name',
        code: 'reserved',
        message: expect.stringContaining("lists 'tenant-infra-*'"),
      }),
    ]);
    expect(
      findTenantSpecIssues(resolve({ name: 'infra-db' }), options),
    ).toEqual([]);
  });

  it('reserves the configured platform namespace', () => {
    expect(
      findTenantSpecIssues(resolve({ name: 'platform' }), {
        platformNamespace: 'platform',
      }).map(i => i.code),
    ).toEqual(['reserved']);
  });

  it('reserves the ingress controller namespace the request itself names', () => {
    expect(
      findTenantSpecIssues(
        resolve({
          name: 'edge',
          networking: { ingressControllerNamespace: 'edge' },
        }),
      ).map(i => i.code),
    ).toEqual(['reserved']);
  });

  it('codes the namespace length, LimitRange order and quota contradictions as invalid', () => {
    const issues = findTenantSpecIssues(
      resolve(
        {
          name: 'a'.repeat(60),
          limitRange: { container: { default: { cpu: '10' } } },
          quota: { 'requests.cpu': '41', 'requests.memory': '81Gi' },
        },
        'tenant-',
      ),
    );
    expect(issues.map(i => [i.field, i.code])).toEqual([
      ['name', 'invalid'],
      ['limitRange.container.default.cpu', 'invalid'],
      ['quota.requests.cpu', 'invalid'],
      ['quota.requests.memory', 'invalid'],
    ]);
  });
});

describe('validateTenantSpec', () => {
  it('keeps path and message for existing callers, reservations included', () => {
    expect(
      validateTenantSpec(resolve({ name: 'monitoring' }), {
        reservedNamespaces: ['monitoring'],
      }),
    ).toEqual([
      {
        path: 'name',
        message:
          "'monitoring' is reserved: kubePlatform.tenants.reservedNamespaces lists 'monitoring'",
      },
    ]);
    expect(validateTenantSpec(resolve({ name: 'monitoring' }))).toEqual([]);
  });

  it('answers quota requests above limits', () => {
    expect(
      validateTenantSpec(resolve({ quota: { 'requests.memory': '100Gi' } })),
    ).toEqual([
      {
        path: 'quota.requests.memory',
        message: 'requests.memory 100Gi is above limits.memory 80Gi',
      },
    ]);
  });
});

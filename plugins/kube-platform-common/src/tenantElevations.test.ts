import {
  QUOTA_KEYS,
  QUOTA_PRESETS,
  TENANT_ENVIRONMENTS,
  type TenantRequest,
  tenantRequestSchema,
} from './tenant';
import { findTenantElevations, tenantCeilings } from './tenantElevations';
import { resolveTenantSpec } from './tenantPresets';

const base = {
  name: 'alpha',
  owner: 'group:default/team-alpha',
  cluster: 'cluster-1',
  costCenter: 'engineering',
  contact: 'alpha-team@example.com',
};

function elevations(request: Partial<TenantRequest>) {
  return findTenantElevations(
    resolveTenantSpec(
      tenantRequestSchema.parse({
        ...base,
        environment: 'production',
        ...request,
      }),
    ),
  );
}

describe('tenant ceilings', () => {
  it('holds a value for every quota key in every environment', () => {
    for (const environment of TENANT_ENVIRONMENTS) {
      expect(Object.keys(tenantCeilings(environment).quota).sort()).toEqual(
        [...QUOTA_KEYS].sort(),
      );
    }
  });

  it('chooses development up to medium, staging and production up to large', () => {
    expect(tenantCeilings('development')).toEqual({
      quota: expect.objectContaining({
        'requests.cpu': '20',
        'requests.memory': '40Gi',
        'limits.cpu': '40',
        'limits.memory': '80Gi',
        'requests.storage': '200Gi',
        pods: '200',
        'services.loadbalancers': '2',
      }),
      podSecurityStandards: ['baseline', 'restricted'],
      isolationRequired: true,
      allowedEgressPorts: [443],
    });
    expect(tenantCeilings('staging')).toEqual({
      quota: expect.objectContaining({ 'limits.cpu': '200', pods: '500' }),
      podSecurityStandards: ['baseline', 'restricted'],
      isolationRequired: true,
      allowedEgressPorts: [443],
    });
    expect(tenantCeilings('production')).toEqual({
      quota: expect.objectContaining({
        'limits.memory': '400Gi',
        'requests.storage': '1Ti',
      }),
      podSecurityStandards: ['restricted'],
      isolationRequired: true,
      allowedEgressPorts: [443],
    });
  });

  it('never allows privileged without elevation', () => {
    for (const environment of TENANT_ENVIRONMENTS) {
      expect(tenantCeilings(environment).podSecurityStandards).not.toContain(
        'privileged',
      );
    }
  });
});

describe('findTenantElevations', () => {
  it('accepts every environment preset as it is', () => {
    for (const environment of TENANT_ENVIRONMENTS) {
      expect(elevations({ environment })).toEqual([]);
    }
  });

  it('accepts every quota preset on staging and production, and all but large on development', () => {
    const flagged = TENANT_ENVIRONMENTS.flatMap(environment =>
      QUOTA_PRESETS.filter(
        quotaPreset => elevations({ environment, quotaPreset }).length > 0,
      ).map(quotaPreset => `${environment}/${quotaPreset}`),
    );
    expect(flagged).toEqual(['development/large']);
  });

  it('names every quota key of large that is above the development ceiling', () => {
    const issues = elevations({
      environment: 'development',
      quotaPreset: 'large',
    });
    expect(issues.map(i => i.field)).toEqual(
      QUOTA_KEYS.map(key => `quota.${key}`),
    );
    expect(issues.every(i => i.code === 'needs-elevation')).toBe(true);
    expect(issues[2].message).toBe(
      "limits.cpu 200 is above development's ceiling of 40",
    );
  });

  it('compares quantities, not strings', () => {
    expect(
      elevations({
        environment: 'development',
        quota: { 'limits.memory': '81920Mi' },
      }),
    ).toEqual([]);
    expect(
      elevations({
        environment: 'development',
        quota: { 'limits.memory': '81921Mi' },
      }),
    ).toEqual([
      {
        field: 'quota.limits.memory',
        code: 'needs-elevation',
        message: "limits.memory 81921Mi is above development's ceiling of 80Gi",
      },
    ]);
    expect(
      elevations({
        environment: 'production',
        quota: { 'requests.storage': '1025Gi' },
      }),
    ).toEqual([expect.objectContaining({ field: 'quota.requests.storage' })]);
    expect(
      elevations({ environment: 'staging', quota: { pods: 501 } }),
    ).toEqual([
      expect.objectContaining({
        field: 'quota.pods',
        message: "pods 501 is above staging's ceiling of 500",
      }),
    ]);
  });

  it.each([
    [
      'production',
      'baseline',
      "baseline is weaker than production's restricted",
    ],
    [
      'production',
      'privileged',
      "privileged is weaker than production's restricted",
    ],
    ['staging', 'privileged', "privileged is weaker than staging's baseline"],
    [
      'development',
      'privileged',
      "privileged is weaker than development's baseline",
    ],
  ] as const)(
    'flags %s with Pod Security %s',
    (environment, podSecurityStandard, message) => {
      expect(
        elevations({ environment, security: { podSecurityStandard } }),
      ).toEqual([
        {
          field: 'security.podSecurityStandard',
          code: 'needs-elevation',
          message,
        },
      ]);
    },
  );

  it('allows a stricter Pod Security level than the preset', () => {
    expect(
      elevations({
        environment: 'development',
        security: { podSecurityStandard: 'restricted' },
      }),
    ).toEqual([]);
  });

  it('flags network isolation turned off', () => {
    expect(
      elevations({ environment: 'staging', networking: { isolation: false } }),
    ).toEqual([
      {
        field: 'networking.isolation',
        code: 'needs-elevation',
        message:
          "turning network isolation off is beyond staging's guard rails, which require it",
      },
    ]);
  });

  it('flags egress ports beyond the preset, once for the field', () => {
    expect(
      elevations({ networking: { allowedEgressPorts: [443, 22, 5432] } }),
    ).toEqual([
      {
        field: 'networking.allowedEgressPorts',
        code: 'needs-elevation',
        message:
          "egress to ports 22, 5432 is beyond production's allowed egress ports (443)",
      },
    ]);
    expect(elevations({ networking: { allowedEgressPorts: [] } })).toEqual([]);
  });

  it('reports one issue per field when several exceed', () => {
    const issues = elevations({
      environment: 'development',
      quota: { 'requests.cpu': '21', 'limits.cpu': '41' },
      security: { podSecurityStandard: 'privileged' },
      networking: { isolation: false, allowedEgressPorts: [80] },
    });
    expect(issues.map(i => i.field)).toEqual([
      'quota.requests.cpu',
      'quota.limits.cpu',
      'security.podSecurityStandard',
      'networking.isolation',
      'networking.allowedEgressPorts',
    ]);
  });

  it('needs elevation to trust other namespaces by name', () => {
    const trusting = resolveTenantSpec({
      name: 'shop',
      owner: 'group:default/team-alpha',
      cluster: 'cluster-1',
      environment: 'development',
      costCenter: 'c',
      contact: 'alpha@example.com',
      networking: {
        ingressControllerNamespace: 'ingress-internal',
        allowedNamespaces: ['alpha-ci'],
      },
    });
    expect(findTenantElevations(trusting).map(i => i.field)).toEqual([
      'networking.ingressControllerNamespace',
      'networking.allowedNamespaces',
    ]);
  });
});

import type {
  POD_SECURITY_STANDARDS,
  QuotaPreset,
  TenantEnvironment,
  TenantQuota,
  TenantSpec,
  ValidTenantRequest,
} from './tenant';

/** A Pod Security Standards level. */
export type PodSecurityStandard = (typeof POD_SECURITY_STANDARDS)[number];

/** Quota by preset size; `large` is the classic tenant-alpha production quota. */
export const QUOTA_PRESET_VALUES: Record<QuotaPreset, TenantQuota> = {
  small: {
    'requests.cpu': '4',
    'requests.memory': '8Gi',
    'limits.cpu': '8',
    'limits.memory': '16Gi',
    'requests.storage': '50Gi',
    pods: '50',
    services: '20',
    'services.loadbalancers': '0',
    'services.nodeports': '0',
    persistentvolumeclaims: '10',
    configmaps: '50',
    secrets: '50',
  },
  medium: {
    'requests.cpu': '20',
    'requests.memory': '40Gi',
    'limits.cpu': '40',
    'limits.memory': '80Gi',
    'requests.storage': '200Gi',
    pods: '200',
    services: '50',
    'services.loadbalancers': '2',
    'services.nodeports': '5',
    persistentvolumeclaims: '20',
    configmaps: '100',
    secrets: '100',
  },
  large: {
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
  },
};

/**
 * What a tenant of an environment may ask for without `kube-platform.tenant.elevate`.
 * Anything beyond needs a platform admin.
 */
export interface TenantCeilings {
  /** Largest value of every quota key. */
  quota: TenantQuota;
  /** Pod Security levels allowed: the preset's level and stricter; never `privileged`. */
  podSecurityStandards: PodSecurityStandard[];
  /** Whether network isolation must stay on. */
  isolationRequired: boolean;
  /** The only egress ports a tenant may open. */
  allowedEgressPorts: number[];
}

type EnvironmentPreset = Omit<
  TenantSpec,
  | 'name'
  | 'namespace'
  | 'owner'
  | 'cluster'
  | 'environment'
  | 'costCenter'
  | 'contact'
  | 'description'
  | 'members'
> & { quotaPreset: QuotaPreset; ceilings: TenantCeilings };

/** Every preset isolates: deny by default, allow the ingress controller, DNS and HTTPS out. */
const ISOLATED_NETWORKING: EnvironmentPreset['networking'] = {
  isolation: true,
  allowedNamespaces: [],
  ingressControllerNamespace: 'ingress-nginx',
  allowDns: true,
  allowedEgressPorts: [443],
};

/** Every ceiling keeps isolation on and egress to the preset's ports. */
const ISOLATED_CEILINGS = {
  isolationRequired: true,
  allowedEgressPorts: ISOLATED_NETWORKING.allowedEgressPorts,
};

/**
 * Defaults per environment; production mirrors the tenant-alpha reference values.
 *
 * Ceilings: development stops at the `medium` quota, so `large` (which the
 * template offers for every environment) needs elevation there: a development
 * tenant should not reserve production-sized capacity. Staging and production
 * stop at `large`, so every quota preset fits them. Pod Security may be the
 * preset's level or stricter.
 */
export const ENVIRONMENT_PRESETS: Record<TenantEnvironment, EnvironmentPreset> =
  {
    development: {
      quotaPreset: 'small',
      quota: QUOTA_PRESET_VALUES.small,
      limitRange: {
        container: {
          default: { cpu: '500m', memory: '512Mi' },
          defaultRequest: { cpu: '100m', memory: '128Mi' },
          min: { cpu: '50m', memory: '64Mi' },
          max: { cpu: '2', memory: '4Gi' },
          maxLimitRequestRatio: { cpu: '10', memory: '4' },
        },
        pod: { max: { cpu: '4', memory: '8Gi' } },
        pvc: { min: { storage: '1Gi' }, max: { storage: '20Gi' } },
      },
      networking: ISOLATED_NETWORKING,
      security: { podSecurityStandard: 'baseline', allowedRegistries: [] },
      ceilings: {
        ...ISOLATED_CEILINGS,
        quota: QUOTA_PRESET_VALUES.medium,
        podSecurityStandards: ['baseline', 'restricted'],
      },
    },
    staging: {
      quotaPreset: 'medium',
      quota: QUOTA_PRESET_VALUES.medium,
      limitRange: {
        container: {
          default: { cpu: '1', memory: '1Gi' },
          defaultRequest: { cpu: '250m', memory: '256Mi' },
          min: { cpu: '100m', memory: '128Mi' },
          max: { cpu: '4', memory: '8Gi' },
          maxLimitRequestRatio: { cpu: '4', memory: '4' },
        },
        pod: { max: { cpu: '8', memory: '16Gi' } },
        pvc: { min: { storage: '1Gi' }, max: { storage: '50Gi' } },
      },
      networking: ISOLATED_NETWORKING,
      security: { podSecurityStandard: 'baseline', allowedRegistries: [] },
      ceilings: {
        ...ISOLATED_CEILINGS,
        quota: QUOTA_PRESET_VALUES.large,
        podSecurityStandards: ['baseline', 'restricted'],
      },
    },
    production: {
      quotaPreset: 'large',
      quota: QUOTA_PRESET_VALUES.large,
      limitRange: {
        container: {
          default: { cpu: '1', memory: '1Gi' },
          defaultRequest: { cpu: '500m', memory: '512Mi' },
          min: { cpu: '100m', memory: '128Mi' },
          max: { cpu: '8', memory: '16Gi' },
          maxLimitRequestRatio: { cpu: '4', memory: '4' },
        },
        pod: { max: { cpu: '16', memory: '32Gi' } },
        pvc: { min: { storage: '1Gi' }, max: { storage: '100Gi' } },
      },
      networking: ISOLATED_NETWORKING,
      security: { podSecurityStandard: 'restricted', allowedRegistries: [] },
      ceilings: {
        ...ISOLATED_CEILINGS,
        quota: QUOTA_PRESET_VALUES.large,
        podSecurityStandards: ['restricted'],
      },
    },
  };

/** Kubernetes namespaces cannot be longer than this. */
export const MAX_NAMESPACE_LENGTH = 63;

/** The namespace a tenant gets: the configured prefix plus the tenant name. */
export function tenantNamespaceName(name: string, prefix = ''): string {
  return `${prefix}${name}`;
}

/**
 * Resolves a validated request to a complete spec: the environment preset, then
 * the quota preset if one was picked, then every explicitly requested value.
 * Members default to the owner group as developers.
 */
export function resolveTenantSpec(
  request: ValidTenantRequest,
  options: { namespacePrefix?: string } = {},
): TenantSpec {
  const preset = ENVIRONMENT_PRESETS[request.environment];
  const quotaBase = request.quotaPreset
    ? QUOTA_PRESET_VALUES[request.quotaPreset]
    : preset.quota;
  const lr = request.limitRange ?? {};
  const c = lr.container ?? {};
  const base = preset.limitRange;
  return {
    name: request.name,
    namespace: tenantNamespaceName(request.name, options.namespacePrefix),
    owner: request.owner,
    cluster: request.cluster,
    environment: request.environment,
    costCenter: request.costCenter,
    contact: request.contact,
    description: request.description,
    ...(request.budget ? { budget: request.budget.trim() } : {}),
    quota: { ...quotaBase, ...(request.quota as Partial<TenantQuota>) },
    limitRange: {
      container: {
        default: { ...base.container.default, ...c.default },
        defaultRequest: {
          ...base.container.defaultRequest,
          ...c.defaultRequest,
        },
        min: { ...base.container.min, ...c.min },
        max: { ...base.container.max, ...c.max },
        maxLimitRequestRatio: {
          ...base.container.maxLimitRequestRatio,
          ...c.maxLimitRequestRatio,
        },
      },
      pod: { max: { ...base.pod.max, ...lr.pod?.max } },
      pvc: {
        min: { ...base.pvc.min, ...lr.pvc?.min },
        max: { ...base.pvc.max, ...lr.pvc?.max },
      },
    },
    networking: { ...preset.networking, ...request.networking },
    security: { ...preset.security, ...request.security },
    members: {
      admins: request.members?.admins ?? [],
      developers: request.members?.developers ?? [request.owner],
      viewers: request.members?.viewers ?? [],
    },
  };
}

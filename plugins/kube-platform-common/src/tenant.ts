import { z } from 'zod';
import { parseMonthlyBudget } from './cost/budget';
import { isQuantity } from './quantity';

/** Environments a tenant can be requested for; each has a preset. */
export const TENANT_ENVIRONMENTS = [
  'development',
  'staging',
  'production',
] as const;
/** A tenant's environment. */
export type TenantEnvironment = (typeof TENANT_ENVIRONMENTS)[number];

/** Quota presets offered by the request template. */
export const QUOTA_PRESETS = ['small', 'medium', 'large'] as const;
/** A named quota size. */
export type QuotaPreset = (typeof QUOTA_PRESETS)[number];

/** Pod Security Standards levels. */
export const POD_SECURITY_STANDARDS = [
  'privileged',
  'baseline',
  'restricted',
] as const;

/** ResourceQuota keys a tenant request may set: amounts first, then object counts. */
export const QUOTA_AMOUNT_KEYS = [
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
  'requests.storage',
] as const;
/** ResourceQuota keys that count objects. */
export const QUOTA_COUNT_KEYS = [
  'pods',
  'services',
  'services.loadbalancers',
  'services.nodeports',
  'persistentvolumeclaims',
  'configmaps',
  'secrets',
] as const;
/** Every ResourceQuota key a tenant has. */
export const QUOTA_KEYS = [...QUOTA_AMOUNT_KEYS, ...QUOTA_COUNT_KEYS] as const;
/** One ResourceQuota key. */
export type QuotaKey = (typeof QUOTA_KEYS)[number];
/** Hard limits of a tenant's ResourceQuota. */
export type TenantQuota = Record<QuotaKey, string>;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Label values: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function entityRefSchema(kind: 'group' | 'user') {
  return z
    .string()
    .regex(
      new RegExp(
        `^${kind}:([a-z0-9][-a-z0-9]*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`,
      ),
      `must be a ${kind} entity ref such as ${kind}:default/name`,
    );
}

const quantitySchema = z
  .string()
  .max(32)
  .refine(isQuantity, 'must be a Kubernetes quantity such as 500m, 2 or 4Gi');

const countSchema = z
  .union([z.string(), z.number()])
  .transform(value => String(value))
  .refine(
    value => /^\d{1,7}$/.test(value),
    'must be a whole number of objects',
  );

const resourcesSchema = z
  .object({ cpu: quantitySchema, memory: quantitySchema })
  .partial()
  .strict();

/** Quota as requested: any subset of keys, merged over the preset. */
export const tenantQuotaSchema = z
  .object({
    'requests.cpu': quantitySchema,
    'requests.memory': quantitySchema,
    'limits.cpu': quantitySchema,
    'limits.memory': quantitySchema,
    'requests.storage': quantitySchema,
    pods: countSchema,
    services: countSchema,
    'services.loadbalancers': countSchema,
    'services.nodeports': countSchema,
    persistentvolumeclaims: countSchema,
    configmaps: countSchema,
    secrets: countSchema,
  })
  .partial()
  .strict();

/** LimitRange values as requested, merged over the preset. */
export const tenantLimitRangeSchema = z
  .object({
    container: z
      .object({
        default: resourcesSchema,
        defaultRequest: resourcesSchema,
        min: resourcesSchema,
        max: resourcesSchema,
        maxLimitRequestRatio: resourcesSchema,
      })
      .partial()
      .strict(),
    pod: z.object({ max: resourcesSchema }).partial().strict(),
    pvc: z
      .object({
        min: z.object({ storage: quantitySchema }).strict(),
        max: z.object({ storage: quantitySchema }).strict(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

/** Network isolation settings. */
export const tenantNetworkingSchema = z
  .object({
    isolation: z.boolean(),
    allowedNamespaces: z
      .array(z.string().regex(DNS_1123_LABEL).max(63))
      .max(50),
    ingressControllerNamespace: z.string().regex(DNS_1123_LABEL).max(63),
    allowDns: z.boolean(),
    allowedEgressPorts: z.array(z.number().int().min(1).max(65535)).max(50),
  })
  .partial()
  .strict();

/** Pod Security and image policy. */
export const tenantSecuritySchema = z
  .object({
    podSecurityStandard: z.enum(POD_SECURITY_STANDARDS),
    allowedRegistries: z
      .array(
        z
          .string()
          .max(253)
          .regex(
            /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]([-a-z0-9._]*[a-z0-9])?)*\/?$/,
            'must be a registry host with an optional port and path, such as registry.example.com/team',
          ),
      )
      .max(50),
  })
  .partial()
  .strict();

/** Who gets which role in the namespace. */
export const tenantMembersSchema = z
  .object({
    admins: z.array(entityRefSchema('user')).max(100),
    developers: z.array(entityRefSchema('group')).max(100),
    viewers: z.array(entityRefSchema('group')).max(100),
  })
  .partial()
  .strict();

/** A monthly budget such as `500` or `500 USD` (see `parseMonthlyBudget`). */
const tenantBudgetSchema = z
  .string()
  .max(64)
  .superRefine((value, ctx) => {
    const parsed = parseMonthlyBudget(value, { field: 'budget' });
    if ('error' in parsed) {
      // The path already names the field.
      const message = parsed.error.replace(/^budget: /, '');
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
  });

/** A request for a tenant: what a team asks for. Unknown fields are rejected. */
export const tenantRequestSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(63)
      .regex(
        DNS_1123_LABEL,
        'must be a DNS-1123 label: lower-case letters, digits and -',
      ),
    owner: entityRefSchema('group'),
    cluster: z
      .string()
      .min(1)
      .max(63)
      .regex(DNS_1123_LABEL, 'must be a registered cluster name'),
    environment: z.enum(TENANT_ENVIRONMENTS),
    costCenter: z
      .string()
      .min(1)
      .max(63)
      .regex(
        LABEL_VALUE,
        'must be usable as a label value (letters, digits, -, _, .)',
      ),
    contact: z.string().min(3).max(254),
    description: z.string().max(1000).optional(),
    quotaPreset: z.enum(QUOTA_PRESETS).optional(),
    quota: tenantQuotaSchema.optional(),
    limitRange: tenantLimitRangeSchema.optional(),
    networking: tenantNetworkingSchema.optional(),
    security: tenantSecuritySchema.optional(),
    members: tenantMembersSchema.optional(),
    /** Monthly budget of the tenant's namespace; the owner is notified as it is approached. */
    budget: tenantBudgetSchema.optional(),
  })
  .strict();

/** A tenant request as submitted. */
export type TenantRequest = z.input<typeof tenantRequestSchema>;
/** A validated tenant request. */
export type ValidTenantRequest = z.output<typeof tenantRequestSchema>;

/** Every value resolved: what gets rendered. */
export interface TenantSpec {
  name: string;
  namespace: string;
  owner: string;
  cluster: string;
  environment: TenantEnvironment;
  costCenter: string;
  contact: string;
  description?: string;
  /** Monthly budget, e.g. `500` or `500 USD`. */
  budget?: string;
  quota: TenantQuota;
  limitRange: {
    container: {
      default: { cpu: string; memory: string };
      defaultRequest: { cpu: string; memory: string };
      min: { cpu: string; memory: string };
      max: { cpu: string; memory: string };
      maxLimitRequestRatio: { cpu: string; memory: string };
    };
    pod: { max: { cpu: string; memory: string } };
    pvc: { min: { storage: string }; max: { storage: string } };
  };
  networking: {
    isolation: boolean;
    allowedNamespaces: string[];
    ingressControllerNamespace: string;
    allowDns: boolean;
    allowedEgressPorts: number[];
  };
  security: {
    podSecurityStandard: (typeof POD_SECURITY_STANDARDS)[number];
    allowedRegistries: string[];
  };
  members: { admins: string[]; developers: string[]; viewers: string[] };
}

/** Entity name part of an entity ref (`group:default/team-alpha` → `team-alpha`). */
export function entityRefName(ref: string): string {
  return ref
    .slice(ref.lastIndexOf('/') + 1)
    .split(':')
    .pop()!;
}

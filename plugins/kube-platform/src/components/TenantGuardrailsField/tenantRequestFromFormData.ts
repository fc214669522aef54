import { parseEntityRef } from '@backstage/catalog-model';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { TenantRequest } from '@kube-platform/plugin-kube-platform-common';

/** Fields of the template's `customQuota` object and the quota keys they set. */
const CUSTOM_QUOTA_KEYS = {
  requestsCpu: 'requests.cpu',
  requestsMemory: 'requests.memory',
  limitsCpu: 'limits.cpu',
  limitsMemory: 'limits.memory',
  pods: 'pods',
} as const;

type RequestedQuota = NonNullable<TenantRequest['quota']>;
type PodSecurityStandard = NonNullable<
  TenantRequest['security']
>['podSecurityStandard'];

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Name of the cluster an EntityPicker value stands for:
 * `resource:default/cluster-1` → `cluster-1`; a bare name stays as it is.
 */
export function clusterNameOf(ref: string): string | undefined {
  try {
    return parseEntityRef(ref, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }).name;
  } catch {
    return undefined;
  }
}

function customQuotaOf(form: JsonObject): RequestedQuota | undefined {
  if (!isObject(form.customQuota)) return undefined;
  const custom = form.customQuota;
  const quota: Record<string, string | number> = {};
  for (const [field, key] of Object.entries(CUSTOM_QUOTA_KEYS)) {
    const value = custom[field];
    if (typeof value === 'number' || text(value)) {
      quota[key] = value as string | number;
    }
  }
  return Object.keys(quota).length > 0 ? (quota as RequestedQuota) : undefined;
}

/**
 * The tenant request the `request-tenant` template would send to
 * `kube-platform:tenant:create` for this form data, mirroring its step input:
 * the cluster picked as an entity ref becomes its name, a non-custom quota size
 * becomes `quotaPreset`, a custom one becomes `quota.*`, an unset Pod Security
 * level is left to the environment, an empty budget is left out. `undefined` while a required field is empty.
 */
export function tenantRequestFromFormData(
  form: JsonObject,
): TenantRequest | undefined {
  const name = text(form.name);
  const owner = text(form.owner);
  const clusterRef = text(form.cluster);
  const cluster = clusterRef ? clusterNameOf(clusterRef) : undefined;
  const environment = text(form.environment);
  const costCenter = text(form.costCenter);
  const contact = text(form.contact);
  if (!name || !owner || !cluster || !environment || !costCenter || !contact) {
    return undefined;
  }
  const request: TenantRequest = {
    name,
    owner,
    cluster,
    environment: environment as TenantRequest['environment'],
    costCenter,
    contact,
  };
  const description = text(form.description);
  if (description) request.description = description;
  const budget = text(form.budget);
  if (budget) request.budget = budget;

  const podSecurityStandard = text(form.podSecurityStandard);
  request.security = {
    allowedRegistries: Array.isArray(form.allowedRegistries)
      ? form.allowedRegistries.filter(
          (registry): registry is string => typeof registry === 'string',
        )
      : [],
    ...(podSecurityStandard && {
      podSecurityStandard: podSecurityStandard as PodSecurityStandard,
    }),
  };

  const quotaPreset = text(form.quotaPreset);
  if (quotaPreset === 'custom') {
    const quota = customQuotaOf(form);
    if (quota) request.quota = quota;
  } else if (quotaPreset) {
    request.quotaPreset = quotaPreset as TenantRequest['quotaPreset'];
  }
  return request;
}

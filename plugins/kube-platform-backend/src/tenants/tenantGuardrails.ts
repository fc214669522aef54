import type { Config } from '@backstage/config';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  checkOvercommit,
  DEFAULT_PLATFORM_NAMESPACE,
  findTenantElevations,
  findTenantSpecIssues,
  type TenantGuardrailIssue,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import { MANAGED_BY_LABEL } from '../service/clusterStatus';

/** Platform settings every tenant request is held to. */
export interface TenantPolicySettings {
  /** `kubePlatform.tenants.namespacePrefix`; default empty. */
  namespacePrefix: string;
  /** `kubePlatform.platformNamespace`; default `kube-platform-system`. */
  platformNamespace: string;
  /** `kubePlatform.tenants.reservedNamespaces`: names, or prefixes ending with `*`. */
  reservedNamespaces: string[];
}

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAMESPACE_PREFIX_WILDCARD = /^[a-z0-9][-a-z0-9]{0,61}\*$/;

function settingsError(key: string, problem: string): Error {
  return new Error(
    `Invalid Kube Platform configuration at '${key}': ${problem}`,
  );
}

/** Reads the tenant policy settings; throws an error naming the key on a bad value. */
export function readTenantPolicySettings(config: Config): TenantPolicySettings {
  const platformNamespace =
    config.getOptionalString('kubePlatform.platformNamespace') ??
    DEFAULT_PLATFORM_NAMESPACE;
  if (!DNS_1123_LABEL.test(platformNamespace)) {
    throw settingsError(
      'kubePlatform.platformNamespace',
      `'${platformNamespace}' is not a namespace name`,
    );
  }
  const reservedNamespaces =
    config.getOptionalStringArray('kubePlatform.tenants.reservedNamespaces') ??
    [];
  reservedNamespaces.forEach((entry, index) => {
    if (!DNS_1123_LABEL.test(entry) && !NAMESPACE_PREFIX_WILDCARD.test(entry)) {
      throw settingsError(
        `kubePlatform.tenants.reservedNamespaces[${index}]`,
        `'${entry}' is neither a namespace name nor a prefix ending with *`,
      );
    }
  });
  return {
    namespacePrefix:
      config.getOptionalString('kubePlatform.tenants.namespacePrefix') ?? '',
    platformNamespace,
    reservedNamespaces,
  };
}

/** Where the overcommit check reads a cluster's limits and what it already promised. */
export interface ClusterCapacitySources {
  clusterRegistry: Pick<ClusterRegistry, 'getCluster'>;
  clusterCache: Pick<ClusterCacheService, 'forCluster'>;
}

function overcommitIssues(
  spec: TenantSpec,
  sources: ClusterCapacitySources,
): TenantGuardrailIssue[] {
  const { maxOvercommit } = sources.clusterRegistry.getCluster(spec.cluster);
  if (!maxOvercommit || Object.keys(maxOvercommit).length === 0) return [];
  const cache = sources.clusterCache.forCluster(spec.cluster);
  const { resources } = cache.status();
  const unsynced = Object.entries(resources)
    .filter(([, freshness]) => !freshness.synced)
    .map(([kind]) => kind);
  if (unsynced.length > 0) {
    // Without a complete picture, granting quota could break the limit unseen.
    return [
      {
        field: 'cluster',
        code: 'overcommit',
        message: `cannot check ${
          spec.cluster
        } against its overcommit limit: its watch cache has not synced ${unsynced.join(
          ', ',
        )} yet; try again shortly`,
      },
    ];
  }
  const tenantNamespaces = new Set(
    cache.namespaces
      .list()
      .filter(ns => ns.labels[MANAGED_BY_LABEL] === 'kube-platform')
      .map(ns => ns.name),
  );
  return checkOvercommit({
    cluster: spec.cluster,
    nodes: cache.nodes.list(),
    // What tenants were promised, as cluster capacity counts it.
    quotas: cache.resourceQuotas
      .list()
      .filter(q => tenantNamespaces.has(q.namespace)),
    namespace: spec.namespace,
    requested: spec.quota,
    maxOvercommit,
  });
}

/**
 * Every reason a resolved tenant request cannot go ahead as asked: `invalid`
 * and `reserved` (the spec itself), `needs-elevation` (beyond the environment's
 * ceilings, only when the caller may not elevate) and `overcommit` (against the
 * cluster's limit, from the watch cache). Empty when the request may proceed.
 */
export function assessTenantRequest(
  input: {
    spec: TenantSpec;
    elevationAllowed: boolean;
    settings: TenantPolicySettings;
  } & ClusterCapacitySources,
): TenantGuardrailIssue[] {
  const { spec, elevationAllowed, settings } = input;
  return [
    ...findTenantSpecIssues(spec, {
      platformNamespace: settings.platformNamespace,
      reservedNamespaces: settings.reservedNamespaces,
    }),
    ...(elevationAllowed ? [] : findTenantElevations(spec)),
    ...overcommitIssues(spec, input),
  ];
}

function listed(issues: TenantGuardrailIssue[]): string {
  return issues.map(i => `${i.field}: ${i.message}`).join('; ');
}

/**
 * Throws the error the strongest issue calls for: `InputError` (400) for
 * invalid or reserved, else `NotAllowedError` (403) for what needs elevation,
 * else `ConflictError` (409) for overcommit. Returns when there is none.
 */
export function throwForGuardrailIssues(issues: TenantGuardrailIssue[]): void {
  const withCode = (...codes: TenantGuardrailIssue['code'][]) =>
    issues.filter(i => codes.includes(i.code));
  const invalid = withCode('invalid', 'reserved');
  if (invalid.length > 0) {
    throw new InputError(`Invalid tenant request: ${listed(invalid)}`);
  }
  const elevations = withCode('needs-elevation');
  if (elevations.length > 0) {
    throw new NotAllowedError(
      `Tenant request goes beyond its environment's guard rails: ${listed(
        elevations,
      )}. ` +
        `${elevations.map(i => i.field).join(', ')} need${
          elevations.length === 1 ? 's' : ''
        } ` +
        'kube-platform.tenant.elevate (a platform admin)',
    );
  }
  const overcommit = withCode('overcommit');
  if (overcommit.length > 0) {
    throw new ConflictError(
      `Tenant request would overcommit the cluster: ${listed(overcommit)}`,
    );
  }
}

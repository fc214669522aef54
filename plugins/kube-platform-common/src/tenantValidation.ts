import { parseQuantity } from './quantity';
import { findQuotaContradictions } from './quotaSanity';
import {
  type ReservedNamespaceOptions,
  reservedNamespaceReason,
} from './reservedNamespaces';
import type { TenantSpec } from './tenant';
import type { TenantGuardrailIssue } from './tenantApi';
import { MAX_NAMESPACE_LENGTH } from './tenantPresets';

/** A problem with a request, located by the path of the offending field. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Platform settings that validation needs: which namespaces are reserved. */
export type TenantValidationOptions = Pick<
  ReservedNamespaceOptions,
  'platformNamespace' | 'reservedNamespaces'
>;

function lessOrEqual(
  issues: ValidationIssue[],
  smaller: { path: string; value?: string },
  larger: { path: string; value?: string },
) {
  if (smaller.value === undefined || larger.value === undefined) return;
  if (parseQuantity(smaller.value) > parseQuantity(larger.value)) {
    issues.push({
      path: smaller.path,
      message: `${smaller.value} exceeds ${larger.path} (${larger.value})`,
    });
  }
}

function limitRangeIssues(spec: TenantSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const c = spec.limitRange.container;
  for (const resource of ['cpu', 'memory'] as const) {
    const at = (field: string) => `limitRange.container.${field}.${resource}`;
    lessOrEqual(
      issues,
      { path: at('min'), value: c.min[resource] },
      { path: at('defaultRequest'), value: c.defaultRequest[resource] },
    );
    lessOrEqual(
      issues,
      { path: at('defaultRequest'), value: c.defaultRequest[resource] },
      { path: at('default'), value: c.default[resource] },
    );
    lessOrEqual(
      issues,
      { path: at('default'), value: c.default[resource] },
      { path: at('max'), value: c.max[resource] },
    );
    lessOrEqual(
      issues,
      { path: at('max'), value: c.max[resource] },
      {
        path: `limitRange.pod.max.${resource}`,
        value: spec.limitRange.pod.max[resource],
      },
    );
    const ratio = c.maxLimitRequestRatio[resource];
    if (ratio !== undefined && parseQuantity(ratio) < 1) {
      issues.push({
        path: at('maxLimitRequestRatio'),
        message: 'must be at least 1',
      });
    }
  }
  lessOrEqual(
    issues,
    {
      path: 'limitRange.pvc.min.storage',
      value: spec.limitRange.pvc.min.storage,
    },
    {
      path: 'limitRange.pvc.max.storage',
      value: spec.limitRange.pvc.max.storage,
    },
  );
  return issues;
}

function namespaceIssues(
  spec: TenantSpec,
  options: TenantValidationOptions,
): TenantGuardrailIssue[] {
  const issues: TenantGuardrailIssue[] = [];
  if (spec.namespace.length > MAX_NAMESPACE_LENGTH) {
    issues.push({
      field: 'name',
      code: 'invalid',
      message: `namespace '${spec.namespace}' would be ${spec.namespace.length} characters; the limit is ${MAX_NAMESPACE_LENGTH}`,
    });
  }
  const reason = reservedNamespaceReason(spec.namespace, {
    ...options,
    ingressControllerNamespace: spec.networking.ingressControllerNamespace,
  });
  if (reason) {
    issues.push({ field: 'name', code: 'reserved', message: reason });
  }
  return issues;
}

/**
 * Checks what a schema cannot, as coded issues: the namespace length with its
 * prefix and reserved names (`reserved`), LimitRange values ordered as the API
 * server requires (min ≤ defaultRequest ≤ default ≤ max), and quota requests
 * not above limits (`invalid`). A bad request fails with a field path before
 * anything reaches a cluster.
 */
export function findTenantSpecIssues(
  spec: TenantSpec,
  options: TenantValidationOptions = {},
): TenantGuardrailIssue[] {
  return [
    ...namespaceIssues(spec, options),
    ...limitRangeIssues(spec).map(issue => ({
      field: issue.path,
      code: 'invalid' as const,
      message: issue.message,
    })),
    ...findQuotaContradictions(spec.quota),
  ];
}

/**
 * {@link findTenantSpecIssues} as path and message, for callers that answer
 * every issue with 400.
 */
export function validateTenantSpec(
  spec: TenantSpec,
  options: TenantValidationOptions = {},
): ValidationIssue[] {
  return findTenantSpecIssues(spec, options).map(issue => ({
    path: issue.field,
    message: issue.message,
  }));
}

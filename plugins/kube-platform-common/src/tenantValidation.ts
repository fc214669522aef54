import { parseQuantity } from './quantity';
import type { TenantSpec } from './tenant';
import { MAX_NAMESPACE_LENGTH } from './tenantPresets';

/** A problem with a request, located by the path of the offending field. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const RESERVED_NAMESPACES = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
]);

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

/**
 * Checks what a schema cannot: the namespace length with its prefix, reserved
 * names, and that LimitRange values are ordered as the API server requires
 * (min ≤ defaultRequest ≤ default ≤ max), so a bad request fails with a field
 * path before anything reaches a cluster.
 */
export function validateTenantSpec(spec: TenantSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (spec.namespace.length > MAX_NAMESPACE_LENGTH) {
    issues.push({
      path: 'name',
      message: `namespace '${spec.namespace}' would be ${spec.namespace.length} characters; the limit is ${MAX_NAMESPACE_LENGTH}`,
    });
  }
  if (
    RESERVED_NAMESPACES.has(spec.namespace) ||
    spec.namespace.startsWith('kube-')
  ) {
    issues.push({
      path: 'name',
      message: `'${spec.namespace}' is reserved by Kubernetes`,
    });
  }
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

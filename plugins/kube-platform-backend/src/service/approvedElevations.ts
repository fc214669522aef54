import {
  findTenantElevations,
  type TenantGuardrailIssue,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * Drops `needs-elevation` issues the tenant's current spec already carries: a
 * platform admin approved them when they were applied, so an owner re-applying
 * the tenant or changing something else is not blocked by them. Raising an
 * elevated value further is a new issue (its message names the new value).
 */
export function exceptApprovedElevations(
  issues: TenantGuardrailIssue[],
  current: TenantSpec | undefined,
): TenantGuardrailIssue[] {
  if (!current) return issues;
  const approved = new Set(
    findTenantElevations(current).map(i => `${i.field}\n${i.message}`),
  );
  return issues.filter(
    i =>
      i.code !== 'needs-elevation' || !approved.has(`${i.field}\n${i.message}`),
  );
}

/**
 * The ceilings follow the environment, so moving a stored tenant to another
 * environment (production → development, to get weaker Pod Security) is
 * itself beyond the guard rails.
 */
export function environmentChange(
  current: TenantSpec | undefined,
  next: TenantSpec,
): TenantGuardrailIssue[] {
  if (!current || current.environment === next.environment) return [];
  return [
    {
      field: 'environment',
      code: 'needs-elevation',
      message: `moving the tenant from ${current.environment} to ${next.environment} is beyond the guard rails`,
    },
  ];
}

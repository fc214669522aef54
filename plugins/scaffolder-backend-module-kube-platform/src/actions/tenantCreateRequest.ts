import { InputError } from '@backstage/errors';
import {
  tenantRequestSchema,
  type ValidTenantRequest,
} from '@kube-platform/plugin-kube-platform-common';

/** Drops absent and empty values: templates render a parameter left out as `''`. */
function withoutEmpty(
  values: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
}

function parseTenantRequest(
  input: Record<string, unknown>,
): ValidTenantRequest {
  const parsed = tenantRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      i => `${i.path.join('.') || 'input'}: ${i.message}`,
    );
    throw new InputError(`Invalid tenant request: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/**
 * Turns the action's input into the tenant request the backend takes, leaving out the
 * parameters a template left empty (also inside `quota`); throws `InputError` listing
 * every invalid field.
 */
export function toTenantRequest(
  input: Record<string, unknown> & { quota?: Record<string, unknown> },
): ValidTenantRequest {
  return parseTenantRequest(
    withoutEmpty({
      ...input,
      quota: input.quota && withoutEmpty(input.quota),
    }),
  );
}

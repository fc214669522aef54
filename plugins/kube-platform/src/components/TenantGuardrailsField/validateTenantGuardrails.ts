import type {
  TenantGuardrailIssue,
  TenantGuardrailsReport,
} from '@kube-platform/plugin-kube-platform-common';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { isRefusal } from '../shared/isRefusal';
import { tenantRequestFromFormData } from './tenantRequestFromFormData';

const ISSUE_VERDICTS: Record<TenantGuardrailIssue['code'], string> = {
  'needs-elevation': 'needs a platform admin',
  overcommit: 'would overcommit the cluster',
  reserved: 'is reserved',
  invalid: 'is invalid',
};

/**
 * The text of one guard-rail issue: its request field, what that means, then
 * the backend's reason, as in `security.podSecurityStandard needs a platform
 * admin: privileged is weaker than production's restricted`.
 */
export function describeGuardrailIssue(issue: TenantGuardrailIssue): string {
  const verdict = ISSUE_VERDICTS[issue.code] ?? 'is refused';
  return `${issue.field} ${verdict}: ${issue.message}`;
}

/**
 * Field validator of `KubePlatformTenantGuardrails`: maps the whole form to the
 * tenant request the template would send and asks the backend's guard rails
 * about it as the signed-in user; each issue becomes an error on the field, so
 * the form refuses before the scaffolder task would. The backend stays the judge
 * at creation: when the check itself cannot run (network, 5xx, a backend without
 * the route), the form lets the request through rather than block the template.
 */
export const validateTenantGuardrails: CustomFieldValidator<
  string | undefined
> = async (_value, validation, context) => {
  const request = tenantRequestFromFormData(context.formData);
  if (!request) {
    // Required fields report themselves; the request is not complete yet.
    return;
  }
  const api = context.apiHolder.get(kubePlatformApiRef);
  if (!api) {
    return;
  }
  let report: TenantGuardrailsReport;
  try {
    report = await api.checkTenantGuardrails(request);
  } catch (error) {
    if (isRefusal(error)) {
      validation.addError(error.body.error.message);
    }
    return;
  }
  for (const issue of report.issues) {
    validation.addError(describeGuardrailIssue(issue));
  }
};

export {
  TENANT_GUARDRAILS_FIELD_NAME,
  TenantGuardrailsField,
} from './TenantGuardrailsField';
export {
  describeGuardrailIssue,
  validateTenantGuardrails,
} from './validateTenantGuardrails';
export {
  clusterNameOf,
  tenantRequestFromFormData,
} from './tenantRequestFromFormData';

import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  TENANT_GUARDRAILS_FIELD_NAME,
  TenantGuardrailsField,
} from './TenantGuardrailsField';
import { validateTenantGuardrails } from './validateTenantGuardrails';

/** The guard-rails field for the new frontend system's scaffolder (loaded by its FormFieldBlueprint). */
export const tenantGuardrailsFormField = createFormField({
  name: TENANT_GUARDRAILS_FIELD_NAME,
  component: TenantGuardrailsField,
  validation: validateTenantGuardrails,
});

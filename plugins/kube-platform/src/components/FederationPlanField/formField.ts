import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  FEDERATION_PLAN_FIELD_NAME,
  FederationPlanField,
} from './FederationPlanField';
import { validateFederationPlan } from './validateFederationPlan';

/** The plan field for the new frontend system's scaffolder (loaded by its FormFieldBlueprint). */
export const federationPlanFormField = createFormField({
  name: FEDERATION_PLAN_FIELD_NAME,
  component: FederationPlanField,
  validation: validateFederationPlan,
});

export {
  FEDERATION_PLAN_FIELD_NAME,
  FederationPlanField,
} from './FederationPlanField';
export { validateFederationPlan } from './validateFederationPlan';
export { federatedAppOfForm, type FormApp } from './federatedAppOfForm';

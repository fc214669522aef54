import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@backstage/types';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { isRefusal } from '../shared/isRefusal';
import { federatedAppOfForm } from './federatedAppOfForm';

/**
 * Validator of `KubePlatformFederationPlan`: the form must map to a valid
 * federated app (each field at fault becomes an error), and the backend must
 * not refuse its plan (namespace not a tenant of the owner, not allowed, ...),
 * so the form stops before the scaffolder task would. When the check itself
 * cannot run (network, 5xx), the deploy decides.
 */
export const validateFederationPlan: CustomFieldValidator<
  JsonObject | undefined
> = async (_value, validation, context) => {
  const mapped = federatedAppOfForm(context.formData);
  if (mapped.issues) {
    for (const issue of mapped.issues) {
      validation.addError(issue);
    }
    return;
  }
  const api = context.apiHolder.get(kubePlatformApiRef);
  if (!api) {
    return;
  }
  try {
    await api.planFederatedApp(mapped.app);
  } catch (error) {
    if (isRefusal(error)) {
      validation.addError(error.body.error.message);
    }
  }
};

import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import kubePlatformPlugin from './alpha';
import { federationPlanFormField } from './components/FederationPlanField/formField';
import { tenantGuardrailsFormField } from './components/TenantGuardrailsField/formField';

describe('kube-platform plugin for the new frontend system', () => {
  it('provides the guard-rails field to the scaffolder', async () => {
    const extension = kubePlatformPlugin.getExtension(
      'scaffolder-form-field:kube-platform/tenant-guardrails',
    );
    const loadField = createExtensionTester(extension).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    await expect(loadField()).resolves.toBe(tenantGuardrailsFormField);
  });

  it('provides the federation plan field to the scaffolder', async () => {
    const extension = kubePlatformPlugin.getExtension(
      'scaffolder-form-field:kube-platform/federation-plan',
    );
    const loadField = createExtensionTester(extension).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    await expect(loadField()).resolves.toBe(federationPlanFormField);
  });

  it('offers the Federation tab on components that name a federated app', () => {
    const extension = kubePlatformPlugin.getExtension(
      'entity-content:kube-platform/federation',
    );
    expect(extension).toBeDefined();
  });
});

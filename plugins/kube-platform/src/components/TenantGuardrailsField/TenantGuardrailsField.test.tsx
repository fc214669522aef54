import type { ApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  createFieldValidation,
  Stepper,
} from '@backstage/plugin-scaffolder-react/alpha';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { JsonObject } from '@backstage/types';
import {
  kubePlatformTenantElevatePermission,
  quotaMonthlyCost,
  QUOTA_PRESET_VALUES,
  type TenantGuardrailsCostEstimate,
  type TenantGuardrailsReport,
  type TenantRequest,
} from '@kube-platform/plugin-kube-platform-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  kubePlatformApiRef,
  type KubePlatformApi,
} from '../../api/KubePlatformApi';
import {
  FreshPermissionDecisions,
  permissionApiDenying,
} from '../../testing/__testUtils__/permissionFixtures';
import { formatMonthlyCost } from './QuotaMonthlyCostNote';
import {
  TENANT_GUARDRAILS_FIELD_NAME,
  TenantGuardrailsField,
} from './TenantGuardrailsField';
import { validateTenantGuardrails } from './validateTenantGuardrails';

/** What the first two steps of request-tenant collected. */
const earlierSteps = {
  name: 'team-alpha-web',
  owner: 'group:default/team-alpha',
  cluster: 'resource:default/cluster-1',
  environment: 'production',
  costCenter: 'payments',
  contact: 'alpha@example.com',
};

const privilegedRefused: TenantGuardrailsReport = {
  namespace: 'team-alpha-web',
  elevationAllowed: false,
  issues: [
    {
      field: 'security.podSecurityStandard',
      code: 'needs-elevation',
      message: "privileged is weaker than production's restricted",
    },
    {
      field: 'quota.requests.cpu',
      code: 'overcommit',
      message: 'requests.cpu would reach 130% of cluster-1 (limit 120%)',
    },
  ],
};

function apiHolderWith(api: Partial<KubePlatformApi>): ApiHolder {
  return {
    get: (ref =>
      ref.id === kubePlatformApiRef.id ? api : undefined) as ApiHolder['get'],
  };
}

describe('validateTenantGuardrails', () => {
  it('asks the guard rails about the mapped request and reports each issue', async () => {
    const checkTenantGuardrails = jest.fn(async () => privilegedRefused);
    const validation = createFieldValidation();
    await validateTenantGuardrails('privileged', validation, {
      apiHolder: apiHolderWith({ checkTenantGuardrails }),
      formData: {
        ...earlierSteps,
        podSecurityStandard: 'privileged',
        quotaPreset: 'custom',
        customQuota: { requestsCpu: '200', pods: 50 },
      },
      schema: {},
    });

    expect(checkTenantGuardrails).toHaveBeenCalledWith({
      name: 'team-alpha-web',
      owner: 'group:default/team-alpha',
      cluster: 'cluster-1',
      environment: 'production',
      costCenter: 'payments',
      contact: 'alpha@example.com',
      security: { allowedRegistries: [], podSecurityStandard: 'privileged' },
      quota: { 'requests.cpu': '200', pods: 50 },
    });
    expect(validation.__errors).toEqual([
      "security.podSecurityStandard needs a platform admin: privileged is weaker than production's restricted",
      'quota.requests.cpu would overcommit the cluster: requests.cpu would reach 130% of cluster-1 (limit 120%)',
    ]);
  });

  it('passes a request within the guard rails', async () => {
    const validation = createFieldValidation();
    await validateTenantGuardrails('restricted', validation, {
      apiHolder: apiHolderWith({
        checkTenantGuardrails: async () => ({
          ...privilegedRefused,
          issues: [],
        }),
      }),
      formData: { ...earlierSteps, podSecurityStandard: 'restricted' },
      schema: {},
    });
    expect(validation.__errors).toEqual([]);
  });

  it('refuses with the message of a request the backend will not take', async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message:
              'Invalid tenant request: costCenter: must be usable as a label value',
          },
          response: { statusCode: 400 },
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      ),
    );
    const validation = createFieldValidation();
    await validateTenantGuardrails(undefined, validation, {
      apiHolder: apiHolderWith({
        checkTenantGuardrails: async () => Promise.reject(refusal),
      }),
      formData: earlierSteps,
      schema: {},
    });
    expect(validation.__errors).toEqual([
      'Invalid tenant request: costCenter: must be usable as a label value',
    ]);
  });

  it('lets the request through when the check cannot run; creation decides', async () => {
    const validation = createFieldValidation();
    await validateTenantGuardrails(undefined, validation, {
      apiHolder: apiHolderWith({
        checkTenantGuardrails: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
      formData: earlierSteps,
      schema: {},
    });
    expect(validation.__errors).toEqual([]);
  });

  it('waits for the required fields before asking', async () => {
    const checkTenantGuardrails = jest.fn();
    const validation = createFieldValidation();
    await validateTenantGuardrails('privileged', validation, {
      apiHolder: apiHolderWith({ checkTenantGuardrails }),
      formData: { name: 'team-alpha-web', podSecurityStandard: 'privileged' },
      schema: {},
    });
    expect(checkTenantGuardrails).not.toHaveBeenCalled();
    expect(validation.__errors).toEqual([]);
  });
});

function renderField(permissionApi: PermissionApi, form: JsonObject) {
  const onChange = jest.fn();
  return {
    onChange,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, permissionApi]]}>
        <FreshPermissionDecisions>
          <TenantGuardrailsField
            {...({} as any)}
            formData={undefined}
            onChange={onChange}
            schema={{ title: 'Pod Security level' }}
            uiSchema={{}}
            idSchema={{ $id: 'root_podSecurityStandard' } as any}
            rawErrors={[]}
            required={false}
            disabled={false}
            formContext={{ formData: form }}
          />
        </FreshPermissionDecisions>
      </TestApiProvider>,
    ),
  };
}

const optionTexts = () =>
  within(screen.getByLabelText('Pod Security level'))
    .getAllByRole('option')
    .map(option => option.textContent);

describe('TenantGuardrailsField', () => {
  it('marks the levels beyond the environment as needing a platform admin', async () => {
    const { api, requests } = permissionApiDenying(
      kubePlatformTenantElevatePermission,
    );
    const { onChange } = renderField(api, earlierSteps);
    await renderedField();

    await waitFor(() =>
      expect(optionTexts()).toEqual([
        'Environment default (restricted)',
        'Restricted',
        'Baseline (needs platform admin)',
        'Privileged (needs platform admin)',
      ]),
    );
    expect(requests).toContainEqual({
      permission: kubePlatformTenantElevatePermission,
      resourceRef: 'cluster-1/team-alpha-web',
    });

    fireEvent.change(screen.getByLabelText('Pod Security level'), {
      target: { value: 'privileged' },
    });
    expect(onChange).toHaveBeenLastCalledWith('privileged');
    fireEvent.change(screen.getByLabelText('Pod Security level'), {
      target: { value: '' },
    });
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('marks nothing for a user who may elevate', async () => {
    renderField(permissionApiDenying().api, {
      ...earlierSteps,
      environment: 'development',
    });
    await renderedField();

    await waitFor(() =>
      expect(optionTexts()).toEqual([
        'Environment default (baseline)',
        'Restricted',
        'Baseline',
        'Privileged',
      ]),
    );
  });

  async function renderedField() {
    await screen.findByLabelText('Pod Security level');
  }
});

describe('TenantGuardrailsField in the scaffolder stepper', () => {
  const manifest = {
    title: 'Request a Kubernetes tenant',
    steps: [
      {
        title: 'Quota and security',
        schema: {
          properties: {
            podSecurityStandard: {
              title: 'Pod Security level',
              type: 'string',
              enum: ['restricted', 'baseline', 'privileged'],
              'ui:field': TENANT_GUARDRAILS_FIELD_NAME,
              'ui:options': { debounceMs: 0 },
            },
            quotaPreset: {
              title: 'Quota size',
              type: 'string',
              enum: ['small', 'medium', 'large'],
              default: 'small',
            },
          },
        },
      },
    ],
  };

  async function renderStepper(
    checkTenantGuardrails: KubePlatformApi['checkTenantGuardrails'],
  ) {
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kubePlatformApiRef, { checkTenantGuardrails }],
          [
            permissionApiRef,
            permissionApiDenying(kubePlatformTenantElevatePermission).api,
          ],
        ]}
      >
        <FreshPermissionDecisions>
          <SecretsContextProvider>
            <Stepper
              manifest={manifest}
              initialState={earlierSteps}
              extensions={[
                {
                  name: TENANT_GUARDRAILS_FIELD_NAME,
                  component: TenantGuardrailsField,
                  validation: validateTenantGuardrails,
                },
              ]}
              onCreate={onCreate}
            />
          </SecretsContextProvider>
        </FreshPermissionDecisions>
      </TestApiProvider>,
    );
    return onCreate;
  }

  it('refuses a level that needs elevation, with the reason, before review', async () => {
    const checkTenantGuardrails = jest.fn(async () => ({
      ...privilegedRefused,
      issues: privilegedRefused.issues.slice(0, 1),
    }));
    await renderStepper(checkTenantGuardrails);

    fireEvent.change(await screen.findByLabelText('Pod Security level'), {
      target: { value: 'privileged' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));

    expect(
      (
        await screen.findAllByText(
          /security\.podSecurityStandard needs a platform admin: privileged is weaker/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(checkTenantGuardrails).toHaveBeenCalledWith(
      expect.objectContaining({
        cluster: 'cluster-1',
        quotaPreset: 'small',
        security: { allowedRegistries: [], podSecurityStandard: 'privileged' },
      }),
    );
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  });

  it('checks the request left at the environment default too', async () => {
    const checkTenantGuardrails = jest.fn(async () => ({
      ...privilegedRefused,
      issues: [],
    }));
    await renderStepper(checkTenantGuardrails);

    await screen.findByLabelText('Pod Security level');
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));

    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
    expect(checkTenantGuardrails).toHaveBeenCalledWith(
      expect.objectContaining({ security: { allowedRegistries: [] } }),
    );
  });

  it('shows what the chosen quota costs a month at full use, and follows the choice', async () => {
    // The backend prices the preset of the request; here with the default prices.
    const checkTenantGuardrails = jest.fn(
      async (
        request: TenantRequest,
      ): Promise<TenantGuardrailsReport & TenantGuardrailsCostEstimate> => ({
        ...privilegedRefused,
        issues: [],
        monthlyCostAtFullUse: quotaMonthlyCost(
          QUOTA_PRESET_VALUES[request.quotaPreset ?? 'small'],
        ),
      }),
    );
    await renderStepper(checkTenantGuardrails);

    expect(
      await screen.findByText(
        'At full use this quota costs about 439.20 USD per month',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "8 CPU cores, 16 GiB of memory and 50 GiB of storage for 720 hours (a 30-day month), at the cluster's prices",
      ),
    ).toBeInTheDocument();
    expect(checkTenantGuardrails).toHaveBeenCalledWith(
      expect.objectContaining({ cluster: 'cluster-1', quotaPreset: 'small' }),
    );

    // The scaffolder's enum is a Material UI select: open it, pick the option.
    fireEvent.mouseDown(screen.getByRole('button', { name: /small/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'medium' }));
    // 40 cores × 36 + 80 GiB × 7.2 + 200 GiB × 0.72 = 2160
    expect(
      await screen.findByText(
        'At full use this quota costs about 2,160.00 USD per month',
      ),
    ).toBeInTheDocument();
    expect(checkTenantGuardrails).toHaveBeenLastCalledWith(
      expect.objectContaining({ quotaPreset: 'medium' }),
    );
  });

  it('shows no cost when the backend does not price the quota', async () => {
    const checkTenantGuardrails = jest.fn(async () => ({
      ...privilegedRefused,
      issues: [],
    }));
    await renderStepper(checkTenantGuardrails);
    await waitFor(() => expect(checkTenantGuardrails).toHaveBeenCalled());
    // Let the report arrive and render before looking for the note.
    await act(async () => {
      await checkTenantGuardrails.mock.results.at(-1)!.value;
    });
    expect(screen.queryByTestId('quota-monthly-cost')).not.toBeInTheDocument();
  });
});

describe('formatMonthlyCost', () => {
  it('writes two decimals, grouped thousands and the currency code', () => {
    expect(formatMonthlyCost(quotaMonthlyCost(QUOTA_PRESET_VALUES.large))).toBe(
      '10,817.28 USD',
    );
    const eur = { cpuCoreHour: 1, memoryGiBHour: 0, storageGiBHour: 0 };
    expect(
      formatMonthlyCost(
        quotaMonthlyCost({ 'limits.cpu': '1m' }, { ...eur, currency: 'EUR' }),
      ),
    ).toBe('0.72 EUR');
  });
});

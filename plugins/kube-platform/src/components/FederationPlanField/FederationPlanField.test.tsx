import type { ApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import {
  createFieldValidation,
  Stepper,
} from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { JsonObject, JsonValue } from '@backstage/types';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  kubePlatformApiRef,
  type KubePlatformApi,
} from '../../api/KubePlatformApi';
import { paymentsWebPlanPreview } from '../../testing/federationFixtures';
import {
  FEDERATION_PLAN_FIELD_NAME,
  FederationPlanField,
} from './FederationPlanField';
import { validateFederationPlan } from './validateFederationPlan';

/** What the earlier steps of deploy-federated-app collected, clusters as the pickers return them. */
const form: Record<string, JsonValue> = {
  name: 'payments-web',
  owner: 'group:default/team-alpha',
  namespace: 'team-alpha-web',
  component: 'component:default/payments-web',
  image: 'registry.example.com/payments-web:1.4.2',
  containerPort: 8080,
  placementMode: 'clusters',
  clusters: [
    'resource:default/cluster-1',
    'resource:default/cluster-2',
    'resource:default/cluster-3',
  ],
  totalReplicas: 6,
  weights: [
    { cluster: 'resource:default/cluster-1', weight: 2 },
    { cluster: 'resource:default/cluster-2', weight: 1 },
  ],
  failover: { enabled: true, cooldown: '5m' },
};

async function refusal(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        response: { statusCode: status },
      }),
      {
        status,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

function apiHolderWith(api: Partial<KubePlatformApi>): ApiHolder {
  return {
    get: (ref =>
      ref.id === kubePlatformApiRef.id ? api : undefined) as ApiHolder['get'],
  };
}

describe('validateFederationPlan', () => {
  it('reports each form field that keeps the form from being an app', async () => {
    const planFederatedApp = jest.fn();
    const validation = createFieldValidation();
    await validateFederationPlan(undefined, validation, {
      apiHolder: apiHolderWith({ planFederatedApp }),
      formData: { ...form, weights: [{ cluster: 'cluster-9', weight: 1 }] },
      schema: {},
    });
    expect(validation.__errors).toEqual([
      'weights.0.cluster: cluster-9 is not one of the clusters the app is placed on',
    ]);
    expect(planFederatedApp).not.toHaveBeenCalled();
  });

  it('asks the backend about the mapped app and refuses what it refuses', async () => {
    const planFederatedApp = jest.fn(async () => {
      throw await refusal(
        400,
        'Invalid federated app: namespace: team-alpha-web is not a tenant of group:default/team-alpha on cluster-3',
      );
    });
    const validation = createFieldValidation();
    await validateFederationPlan(undefined, validation, {
      apiHolder: apiHolderWith({ planFederatedApp }),
      formData: form,
      schema: {},
    });
    expect(validation.__errors).toEqual([
      'Invalid federated app: namespace: team-alpha-web is not a tenant of group:default/team-alpha on cluster-3',
    ]);
    expect(planFederatedApp).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'payments-web',
        placement: {
          clusters: [
            { name: 'cluster-1' },
            { name: 'cluster-2' },
            { name: 'cluster-3' },
          ],
        },
      }),
    );
  });

  it('lets the form through when the check cannot run; the deploy decides', async () => {
    const validation = createFieldValidation();
    await validateFederationPlan(undefined, validation, {
      apiHolder: apiHolderWith({
        planFederatedApp: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
      formData: form,
      schema: {},
    });
    expect(validation.__errors).toEqual([]);
  });
});

async function renderField(
  api: Partial<KubePlatformApi>,
  formData: JsonObject,
) {
  const onChange = jest.fn();
  return {
    onChange,
    rendered: await renderInTestApp(
      <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
        <FederationPlanField
          {...({} as any)}
          formData={undefined}
          onChange={onChange}
          schema={{ title: 'Replicas per cluster' }}
          uiSchema={{ 'ui:options': { debounceMs: 0 } }}
          idSchema={{ $id: 'root_plan' } as any}
          rawErrors={[]}
          required={false}
          disabled={false}
          formContext={{ formData }}
        />
      </TestApiProvider>,
    ),
  };
}

describe('FederationPlanField', () => {
  it('shows the planned replicas, overflow and refusals per cluster and keeps the plan', async () => {
    const planFederatedApp = jest.fn(async () => paymentsWebPlanPreview);
    const { onChange } = await renderField({ planFederatedApp }, form);

    const table = await screen.findByRole('table', {
      name: 'Planned replicas per cluster',
    });
    const cells = (cluster: string) =>
      within(within(table).getByText(cluster).closest('tr')!)
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells('cluster-1')).toEqual(['cluster-1', '4', '–', '0', 'OK']);
    expect(cells('cluster-2')).toEqual(['cluster-2', '2', '–', '0', 'OK']);
    expect(cells('cluster-3')).toEqual([
      'cluster-3',
      '0',
      '–',
      '1',
      'Refused: quota: requests.cpu 300m over the 200m left of 1',
    ]);
    expect(
      screen.getByText(
        /6 replicas over 3 clusters; 1 refused by the pre-flight/,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({
        'cluster-1': 4,
        'cluster-2': 2,
      }),
    );
    expect(planFederatedApp).toHaveBeenCalledTimes(1);
  });

  it('names what is wrong while the form is not yet an app, and asks nothing', async () => {
    const planFederatedApp = jest.fn();
    await renderField(
      { planFederatedApp },
      { ...form, image: 'has spaces in it' },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'image: must be an image reference without spaces',
    );
    expect(planFederatedApp).not.toHaveBeenCalled();
  });

  it('shows the backend’s reason when it refuses the plan', async () => {
    const notAllowed = await refusal(
      403,
      'Not allowed to deploy to team-alpha-web',
    );
    await renderField(
      {
        planFederatedApp: async () => {
          throw notAllowed;
        },
      },
      form,
    );
    expect(
      await screen.findByText('Not allowed to deploy to team-alpha-web'),
    ).toHaveAttribute('role', 'alert');
  });
});

describe('FederationPlanField in the scaffolder stepper', () => {
  const manifest = {
    title: 'Deploy a federated app',
    steps: [
      {
        title: 'Planned replicas',
        schema: {
          properties: {
            plan: {
              title: 'Replicas per cluster',
              type: 'object',
              'ui:field': FEDERATION_PLAN_FIELD_NAME,
              'ui:options': { debounceMs: 0 },
            },
          },
        },
      },
    ],
  };

  async function renderStepper(initialState: Record<string, JsonValue>) {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            kubePlatformApiRef,
            { planFederatedApp: async () => paymentsWebPlanPreview },
          ],
        ]}
      >
        <SecretsContextProvider>
          <Stepper
            manifest={manifest}
            initialState={initialState}
            extensions={[
              {
                name: FEDERATION_PLAN_FIELD_NAME,
                component: FederationPlanField,
                validation: validateFederationPlan,
              },
            ]}
            onCreate={jest.fn(async () => {})}
          />
        </SecretsContextProvider>
      </TestApiProvider>,
    );
  }

  it('carries the planned replicas into the review', async () => {
    await renderStepper(form);
    await screen.findByRole('table', { name: 'Planned replicas per cluster' });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
  });

  it('refuses to review a form that is not an app', async () => {
    await renderStepper({ ...form, totalReplicas: -1 });
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      (
        await screen.findAllByText(
          /totalReplicas: Number must be greater than or equal to 0/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  });
});

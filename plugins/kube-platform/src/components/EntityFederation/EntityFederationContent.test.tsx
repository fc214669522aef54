import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { kubePlatformFederationUpdatePermission } from '@kube-platform/plugin-kube-platform-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  kubePlatformApiRef,
  type KubePlatformApi,
} from '../../api/KubePlatformApi';
import {
  FreshPermissionDecisions,
  permissionApiDenying,
} from '../../testing/__testUtils__/permissionFixtures';
import { registeredClusters } from '../../testing/clusterFixtures';
import {
  paymentsWebDetails,
  paymentsWebRolledOut,
} from '../../testing/federationFixtures';
import { EntityFederationContent } from './EntityFederationContent';
import {
  federatedAppRefOf,
  isFederatedAppAvailable,
} from './isFederatedAppAvailable';

function componentEntity(annotation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-web',
      namespace: 'default',
      annotations: annotation
        ? { 'kube-platform.io/federated-app': annotation }
        : {},
    },
    spec: {
      type: 'website',
      lifecycle: 'production',
      owner: 'group:default/team-alpha',
    },
  };
}

const paymentsWeb = componentEntity('team-alpha-web/payments-web');

function renderTab(
  api: Partial<KubePlatformApi>,
  permissionApi: PermissionApi = permissionApiDenying().api,
  entity: Entity = paymentsWeb,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          kubePlatformApiRef,
          { listClusters: async () => registeredClusters, ...api },
        ],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionDecisions>
        <EntityProvider entity={entity}>
          <EntityFederationContent
            refreshIntervalMs={0}
            rolloutRefreshIntervalMs={0}
          />
        </EntityProvider>
      </FreshPermissionDecisions>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function backendError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

const rowOf = (cluster: string) =>
  screen
    .getAllByRole('row')
    .find(
      row => within(row).queryAllByText(cluster, { exact: true }).length > 0,
    )!;

describe('isFederatedAppAvailable', () => {
  it('accepts Components annotated <namespace>/<name> only', () => {
    expect(isFederatedAppAvailable(paymentsWeb)).toBe(true);
    expect(federatedAppRefOf(paymentsWeb)).toEqual({
      namespace: 'team-alpha-web',
      name: 'payments-web',
    });
    expect(isFederatedAppAvailable(componentEntity())).toBe(false);
    expect(isFederatedAppAvailable(componentEntity('payments-web'))).toBe(
      false,
    );
    expect(isFederatedAppAvailable(componentEntity('a/b/c'))).toBe(false);
    expect(isFederatedAppAvailable(componentEntity('/payments-web'))).toBe(
      false,
    );
    expect(
      isFederatedAppAvailable({
        ...paymentsWeb,
        kind: 'System',
      }),
    ).toBe(false);
  });
});

describe('EntityFederationContent', () => {
  it('shows replicas, health, rollout, drift, weights and overrides per cluster', async () => {
    const getFederatedApp = jest.fn(async () => paymentsWebDetails);
    await renderTab({ getFederatedApp });

    await screen.findByText('Replicas per cluster');
    expect(getFederatedApp).toHaveBeenCalledWith(
      'team-alpha-web',
      'payments-web',
    );

    const one = within(rowOf('cluster-1'));
    expect(one.getByText('Ready')).toBeInTheDocument();
    expect(one.getByText('Rolled out')).toBeInTheDocument();
    expect(one.getByText('In sync')).toBeInTheDocument();
    expect(one.getAllByText('4')).toHaveLength(5); // planned, desired, updated, ready, available
    expect(one.getByText('2')).toBeInTheDocument(); // weight
    expect(one.getByText('none')).toBeInTheDocument();

    const two = within(rowOf('cluster-2'));
    expect(two.getByText('Rolling out: 1 of 2 updated')).toBeInTheDocument();
    expect(
      two.getByText('Drifted: spec.template.spec.containers[0].image'),
    ).toBeInTheDocument();
    expect(
      two.getByText(
        'replace /spec/template/spec/containers/0/image = "registry.example.com/payments-web:1.4.3-canary"',
      ),
    ).toBeInTheDocument();

    // cluster-3 is no target any more; it stays listed while it cools down.
    const three = within(rowOf('cluster-3'));
    expect(three.getByText('NotReady')).toBeInTheDocument();
    expect(three.getByText('not a target now')).toBeInTheDocument();
    expect(three.getByText(/^cooling down, fails back/)).toBeInTheDocument();

    expect(screen.getByTestId('federation-totals')).toHaveTextContent(
      '5/6 ready, 5 available, 5 updated (planned 6)',
    );
    expect(
      screen.getByText(/^cluster-3 cooling down, fails back/),
    ).toBeInTheDocument();
  });

  it('lists the operations newest first with failovers marked and errors shown', async () => {
    await renderTab({ getFederatedApp: async () => paymentsWebDetails });

    await screen.findByText('Operations (3)');
    const actions = screen
      .getAllByText(/^(failover|scale|create)$/)
      .map(element => element.textContent);
    expect(actions).toEqual(['failover', 'scale', 'create']);
    expect(
      screen.getByText('failover').closest('.MuiChip-root'),
    ).not.toBeNull();
    expect(screen.getByText('scale').closest('.MuiChip-root')).toBeNull();
    expect(
      screen.getByText('cluster-2: exceeded quota: requests.cpu'),
    ).toBeInTheDocument();
  });

  it('sums the statuses when the backend sends no totals', async () => {
    await renderTab({
      getFederatedApp: async () => ({
        ...paymentsWebDetails,
        totals: undefined,
      }),
    });
    expect(await screen.findByTestId('federation-totals')).toHaveTextContent(
      '5/6 ready, 5 available, 5 updated (planned 6)',
    );
  });

  it('offers no changes to those who may not update the app, and says who may', async () => {
    const { api, requests } = permissionApiDenying(
      kubePlatformFederationUpdatePermission,
    );
    await renderTab({ getFederatedApp: async () => paymentsWebDetails }, api);

    expect(
      await screen.findByText(
        'Only members of group:default/team-alpha can scale, reweigh or migrate this app.',
      ),
    ).toBeInTheDocument();
    expect(requests).toContainEqual({
      permission: kubePlatformFederationUpdatePermission,
      resourceRef: 'team-alpha-web/payments-web',
    });
    expect(
      screen.queryByRole('button', { name: 'Scale' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Migrate' }),
    ).not.toBeInTheDocument();
  });

  it('scales the app, says what happened and reloads it', async () => {
    const getFederatedApp = jest
      .fn()
      .mockResolvedValueOnce(paymentsWebDetails)
      .mockResolvedValue(paymentsWebRolledOut);
    const updateFederatedAppReplicas = jest.fn(async () => ({
      operationId: 'op-4',
      result: 'updated',
      plan: { plan: { 'cluster-1': 6, 'cluster-2': 3 }, overflow: {} },
    }));
    await renderTab({ getFederatedApp, updateFederatedAppReplicas });

    const total = await screen.findByLabelText('Total replicas');
    expect(total).toHaveValue(6);
    fireEvent.change(total, { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Scale' }));

    expect(
      await screen.findByText(
        'Scaled to 9 replicas (updated). Plan: cluster-1 6, cluster-2 3.',
      ),
    ).toBeInTheDocument();
    expect(updateFederatedAppReplicas).toHaveBeenCalledWith(
      'team-alpha-web',
      'payments-web',
      { totalReplicas: 9 },
    );
    await waitFor(() => expect(getFederatedApp).toHaveBeenCalledTimes(2));
  });

  it('refuses a replica count that is not a whole number', async () => {
    const updateFederatedAppReplicas = jest.fn();
    await renderTab({
      getFederatedApp: async () => paymentsWebDetails,
      updateFederatedAppReplicas,
    });
    fireEvent.change(await screen.findByLabelText('Total replicas'), {
      target: { value: '-1' },
    });
    expect(screen.getByText('a whole number, 0 or more')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Scale' })).toBeDisabled();
  });

  it('changes weights keeping each cluster’s bounds', async () => {
    const withBounds = {
      ...paymentsWebDetails,
      spec: {
        ...paymentsWebDetails.spec,
        replicaScheduling: {
          ...paymentsWebDetails.spec.replicaScheduling!,
          clusters: {
            'cluster-1': { weight: 2, maxReplicas: 5 },
            'cluster-2': { weight: 1 },
          },
        },
      },
    };
    const updateFederatedAppReplicas = jest.fn(async () => ({
      result: 'updated',
    }));
    await renderTab({
      getFederatedApp: async () => withBounds,
      updateFederatedAppReplicas,
    });

    fireEvent.change(await screen.findByLabelText('Weight of cluster-2'), {
      target: { value: '3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save weights' }));

    expect(
      await screen.findByText('Weights set to 2:3 (updated).'),
    ).toBeInTheDocument();
    expect(updateFederatedAppReplicas).toHaveBeenCalledWith(
      'team-alpha-web',
      'payments-web',
      {
        clusters: {
          'cluster-1': { weight: 2, maxReplicas: 5 },
          'cluster-2': { weight: 3 },
        },
      },
    );
    expect(screen.getByText('max 5')).toBeInTheDocument();
  });

  it('shows the backend’s reason when a migration is refused', async () => {
    const migrateFederatedApp = jest.fn(async () => {
      throw await backendError(
        409,
        'ConflictError',
        'cluster-3 is NotReady: connect ECONNREFUSED',
      );
    });
    await renderTab({
      getFederatedApp: async () => paymentsWebDetails,
      migrateFederatedApp,
    });

    fireEvent.change(await screen.findByLabelText('From'), {
      target: { value: 'cluster-2' },
    });
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: 'cluster-3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Migrate' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'cluster-3 is NotReady: connect ECONNREFUSED',
    );
    expect(migrateFederatedApp).toHaveBeenCalledWith(
      'team-alpha-web',
      'payments-web',
      { from: 'cluster-2', to: 'cluster-3' },
    );
  });

  it('says when the annotated app does not exist', async () => {
    await renderTab({ getFederatedApp: async () => undefined });
    expect(
      await screen.findByText('No federated app team-alpha-web/payments-web'),
    ).toBeInTheDocument();
  });

  it('shows a failed load', async () => {
    await renderTab({
      getFederatedApp: async () => {
        throw await backendError(
          403,
          'NotAllowedError',
          'Not allowed to read it',
        );
      },
    });
    expect(
      (await screen.findAllByText(/Not allowed to read it/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Replicas per cluster')).not.toBeInTheDocument();
  });

  it('still shows the app to a user who may not list clusters', async () => {
    await renderTab({
      getFederatedApp: async () => paymentsWebDetails,
      listClusters: async () => {
        throw await backendError(403, 'NotAllowedError', 'No inventory');
      },
    });
    await screen.findByText('Replicas per cluster');
    expect(within(rowOf('cluster-1')).getByText('Unknown')).toBeInTheDocument();
  });

  it('asks for the annotation on a component without it', async () => {
    await renderTab({}, undefined, componentEntity());
    expect(
      await screen.findByText('kube-platform.io/federated-app', {
        selector: 'code',
      }),
    ).toBeInTheDocument();
  });
});

import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  kubePlatformKubeconfigReadPermission,
  type IsolationReport,
} from '@kube-platform/plugin-kube-platform-common';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import {
  FreshPermissionDecisions,
  permissionApiDenying,
} from '../../testing/__testUtils__/permissionFixtures';
import {
  crossTenantSecretsEvidence,
  teamAlphaProdIsolationReport,
  teamAlphaProdTenant,
  tenantEntity,
} from '../../testing/tenantFixtures';
import { EntityTenantCard } from './EntityTenantCard';
import { isTenantAvailable, tenantRefOf } from './isTenantAvailable';

const teamAlphaProdEntity = tenantEntity('cluster-2', 'team-alpha-prod');

function renderCard(
  entity: Entity,
  api: Partial<KubePlatformApi>,
  permissionApi: PermissionApi = permissionApiDenying().api,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kubePlatformApiRef, api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <FreshPermissionDecisions>
        <EntityProvider entity={entity}>
          <EntityTenantCard refreshIntervalMs={0} />
        </EntityProvider>
      </FreshPermissionDecisions>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

async function backendError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name, message } }), {
      status,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

describe('isTenantAvailable', () => {
  it('accepts namespace Resources whose annotation names a tenant on a cluster', () => {
    expect(isTenantAvailable(teamAlphaProdEntity)).toBe(true);
    expect(tenantRefOf(teamAlphaProdEntity)).toEqual({
      cluster: 'cluster-2',
      name: 'team-alpha-prod',
    });

    const bareName = tenantEntity('cluster-1', 'team-alpha-dev', {
      tenantAnnotation: 'team-alpha-dev',
    });
    expect(tenantRefOf(bareName)).toEqual({
      cluster: 'cluster-1',
      name: 'team-alpha-dev',
    });

    expect(
      isTenantAvailable({
        ...teamAlphaProdEntity,
        metadata: { name: 'team-alpha-prod' },
      }),
    ).toBe(false);
    expect(
      isTenantAvailable({
        ...teamAlphaProdEntity,
        spec: { type: 'kubernetes-cluster' },
      }),
    ).toBe(false);
    expect(
      isTenantAvailable({
        ...teamAlphaProdEntity,
        metadata: {
          name: 'team-alpha-prod',
          annotations: { 'kube-platform.io/tenant': 'team-alpha-prod' },
        },
      }),
    ).toBe(false);
  });
});

describe('EntityTenantCard', () => {
  it('shows the tenant and the state of each managed object', async () => {
    const getTenant = jest.fn(async () => teamAlphaProdTenant);
    await renderCard(teamAlphaProdEntity, { getTenant });

    expect(await screen.findByText('production')).toBeInTheDocument();
    expect(getTenant).toHaveBeenCalledWith('cluster-2', 'team-alpha-prod');
    expect(
      screen.getByText('team-alpha-prod on cluster-2'),
    ).toBeInTheDocument();
    expect(screen.getByText('cc-4711')).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(screen.getByText('3d ago')).toBeInTheDocument();
    expect(
      screen.getByText('2 present, 1 drifted, 1 missing'),
    ).toBeInTheDocument();

    const networkPolicy = screen
      .getByText(/NetworkPolicy team-alpha-prod\/default-deny/)
      .closest('li')!;
    expect(within(networkPolicy).getByText('Drifted')).toBeInTheDocument();
    expect(
      within(networkPolicy).getByText(
        'Differs in spec.ingress, spec.policyTypes',
      ),
    ).toBeInTheDocument();
    const roleBinding = screen
      .getByText(/RoleBinding team-alpha-prod\/tenant-developer/)
      .closest('li')!;
    expect(within(roleBinding).getByText('Missing')).toBeInTheDocument();
    expect(screen.getAllByText('Present')).toHaveLength(2);
  });

  it('verifies isolation on click and shows the failed check with its evidence', async () => {
    let finishVerification: (report: IsolationReport) => void = () => {};
    const verifyTenant = jest.fn(
      () =>
        new Promise<IsolationReport>(resolve => {
          finishVerification = resolve;
        }),
    );
    await renderCard(teamAlphaProdEntity, {
      getTenant: async () => teamAlphaProdTenant,
      verifyTenant,
    });

    const verifyButton = await screen.findByRole('button', {
      name: 'Verify isolation',
    });
    expect(verifyTenant).not.toHaveBeenCalled();
    fireEvent.click(verifyButton);

    expect(verifyTenant).toHaveBeenCalledWith('cluster-2', 'team-alpha-prod');
    expect(
      screen.getByRole('button', { name: 'Verify isolation' }),
    ).toBeDisabled();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();

    await act(async () => finishVerification(teamAlphaProdIsolationReport));

    expect(
      await screen.findByText(/Isolation failed: 1 of 3 checks failed/),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Isolation failed');
    const checks = within(
      screen.getByRole('list', { name: 'Isolation checks' }),
    ).getAllByRole('listitem');
    expect(checks).toHaveLength(3);
    const failed = checks.find(check => within(check).queryByText('Failed'))!;
    expect(
      within(failed).getByText('Other tenants cannot read secrets'),
    ).toBeInTheDocument();
    expect(
      within(failed).getByText(crossTenantSecretsEvidence),
    ).toBeInTheDocument();
    expect(
      checks.filter(check => within(check).queryByText('Passed')),
    ).toHaveLength(2);
    expect(
      screen.getByRole('button', { name: 'Verify isolation' }),
    ).toBeEnabled();
  });

  it('shows a passed banner when every check passes', async () => {
    await renderCard(teamAlphaProdEntity, {
      getTenant: async () => teamAlphaProdTenant,
      verifyTenant: async () => ({
        ...teamAlphaProdIsolationReport,
        passed: true,
        checks: teamAlphaProdIsolationReport.checks.map(check => ({
          ...check,
          passed: true,
        })),
      }),
    });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Verify isolation' }),
    );

    expect(
      await screen.findByText(/Isolation verified: all 3 checks passed/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Failed')).not.toBeInTheDocument();
  });

  it('shows why a verification could not run', async () => {
    const error = await backendError(
      403,
      'NotAllowedError',
      'Not allowed to verify team-alpha-prod',
    );
    await renderCard(teamAlphaProdEntity, {
      getTenant: async () => teamAlphaProdTenant,
      verifyTenant: async () => Promise.reject(error),
    });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Verify isolation' }),
    );

    await waitFor(() =>
      expect(
        screen.getAllByText(/Not allowed to verify team-alpha-prod/).length,
      ).toBeGreaterThan(0),
    );
  });

  it('explains a tenant the cluster does not have', async () => {
    await renderCard(teamAlphaProdEntity, { getTenant: async () => undefined });

    expect(
      await screen.findByText(
        'Tenant team-alpha-prod is not provisioned on cluster-2',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Verify isolation' }),
    ).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const error = await backendError(
      403,
      'NotAllowedError',
      'Not allowed to read tenant team-alpha-prod',
    );
    await renderCard(teamAlphaProdEntity, {
      getTenant: async () => Promise.reject(error),
    });

    expect(
      (await screen.findAllByText(/Not allowed to read tenant team-alpha-prod/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('asks for the tenant annotation on a namespace that is not a tenant', async () => {
    const getTenant = jest.fn();
    await renderCard(
      { ...teamAlphaProdEntity, metadata: { name: 'kube-system' } },
      { getTenant },
    );

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/kube-platform.io\/tenant/).length,
    ).toBeGreaterThan(0);
    expect(getTenant).not.toHaveBeenCalled();
  });

  describe('kubeconfig download', () => {
    it('offers the download to those allowed to read the kubeconfig', async () => {
      await renderCard(teamAlphaProdEntity, {
        getTenant: async () => teamAlphaProdTenant,
      });

      expect(
        await screen.findByRole('button', { name: 'Download kubeconfig' }),
      ).toBeEnabled();
      expect(
        screen.queryByText(/Kubeconfigs are issued to members of/),
      ).not.toBeInTheDocument();
    });

    it('hides the download from others and says who may have one', async () => {
      // Reads the tenant, but kubeconfigs are for the owner group only.
      const { api, requests } = permissionApiDenying(
        kubePlatformKubeconfigReadPermission,
      );
      await renderCard(
        teamAlphaProdEntity,
        { getTenant: async () => teamAlphaProdTenant },
        api,
      );

      expect(
        await screen.findByText(
          'Kubeconfigs are issued to members of group:default/team-alpha',
        ),
      ).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Download kubeconfig' }),
      ).not.toBeInTheDocument();
      // The card's other action stays: verifying needs only read access.
      expect(
        screen.getByRole('button', { name: 'Verify isolation' }),
      ).toBeEnabled();
      expect(requests).toContainEqual({
        permission: kubePlatformKubeconfigReadPermission,
        resourceRef: 'cluster-2/team-alpha-prod',
      });
    });

    it('shows neither button nor note while the decision loads', async () => {
      await renderCard(
        teamAlphaProdEntity,
        { getTenant: async () => teamAlphaProdTenant },
        { authorize: () => new Promise(() => {}) },
      );

      await screen.findByRole('button', { name: 'Verify isolation' });
      expect(
        screen.queryByRole('button', { name: 'Download kubeconfig' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByText(/Kubeconfigs are issued to members of/),
      ).not.toBeInTheDocument();
    });
  });
});

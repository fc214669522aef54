import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import {
  teamAlphaGroup,
  teamAlphaQuota,
  tenantEntity,
} from '../../testing/tenantFixtures';
import { EntityQuotaContent } from './EntityQuotaContent';
import { isQuotaAvailable } from './isQuotaAvailable';

function componentEntity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-alpha' },
  };
}

function renderContent(entity: Entity, api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityQuotaContent refreshIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

function rowOf(resource: string): HTMLElement {
  return screen.getByRole('row', { name: new RegExp(`^${resource} `) });
}

describe('isQuotaAvailable', () => {
  it('accepts groups, namespace resources and annotated components or systems', () => {
    expect(isQuotaAvailable(teamAlphaGroup)).toBe(true);
    expect(isQuotaAvailable(tenantEntity('cluster-1', 'team-alpha-dev'))).toBe(
      true,
    );
    expect(
      isQuotaAvailable(
        componentEntity({ 'backstage.io/kubernetes-namespace': 'checkout' }),
      ),
    ).toBe(true);
    expect(
      isQuotaAvailable({
        ...componentEntity({
          'kube-platform.io/tenant': 'cluster-2/team-alpha-prod',
        }),
        kind: 'System',
      }),
    ).toBe(true);
    expect(isQuotaAvailable(componentEntity())).toBe(false);
    expect(
      isQuotaAvailable({
        ...tenantEntity('cluster-1', 'orders-db'),
        spec: { type: 'database' },
      }),
    ).toBe(false);
    expect(
      isQuotaAvailable({ ...teamAlphaGroup, kind: 'User', spec: {} }),
    ).toBe(false);
  });
});

describe('EntityQuotaContent', () => {
  it("shows gauges and a table per namespace of a group's tenants, with warning and critical levels", async () => {
    const getEntityQuota = jest.fn(async () => teamAlphaQuota);
    await renderContent(teamAlphaGroup, { getEntityQuota });

    expect(
      await screen.findByText('Quota of team-alpha-dev on cluster-1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Quota of team-alpha-prod on cluster-2'),
    ).toBeInTheDocument();
    expect(getEntityQuota).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'team-alpha',
    });
    expect(
      screen.getByText('Cluster cluster-1, tenant team-alpha-dev'),
    ).toBeInTheDocument();

    // 85 % of CPU requests: warning, in the gauge and the table.
    expect(screen.getByText('CPU requests')).toBeInTheDocument();
    expect(screen.getByText('3400m of 4')).toBeInTheDocument();
    const cpuRow = rowOf('requests.cpu');
    expect(within(cpuRow).getByText('85%')).toBeInTheDocument();
    expect(within(cpuRow).getByText('Warning')).toBeInTheDocument();
    expect(screen.getAllByText('85%')).toHaveLength(2);

    // 95 % of memory requests: critical.
    const memoryRow = rowOf('requests.memory');
    expect(within(memoryRow).getByText('95%')).toBeInTheDocument();
    expect(within(memoryRow).getByText('Critical')).toBeInTheDocument();
    expect(screen.getByText('38Gi of 40Gi')).toBeInTheDocument();

    // Pods at 24 %: ok.
    const podsRow = rowOf('pods');
    expect(within(podsRow).getByText('24%')).toBeInTheDocument();
    expect(within(podsRow).getByText('OK')).toBeInTheDocument();

    // The worst level of each namespace is its chip in the card header.
    expect(screen.getAllByText('Warning')).toHaveLength(2);
    expect(screen.getAllByText('Critical')).toHaveLength(2);
  });

  it('gives warning and critical chips and percentages their palette colours', async () => {
    await renderContent(teamAlphaGroup, {
      getEntityQuota: async () => teamAlphaQuota,
    });
    await screen.findByText('Quota of team-alpha-dev on cluster-1');
    const chipIn = (resource: string, label: string) =>
      within(rowOf(resource)).getByText(label).closest('.MuiChip-root')!;

    // jsdom does not cascade MUI's style sheets, so check the level classes rather than computed colours.
    expect(chipIn('requests.cpu', 'Warning').className).toMatch(/warningChip/);
    expect(within(rowOf('requests.cpu')).getByText('85%').className).toMatch(
      /warningText/,
    );
    expect(chipIn('requests.memory', 'Critical').className).toMatch(
      /criticalChip/,
    );
    expect(within(rowOf('requests.memory')).getByText('95%').className).toMatch(
      /criticalText/,
    );
    expect(chipIn('pods', 'OK').className).not.toMatch(
      /warningChip|criticalChip/,
    );
  });

  it('shows usage over a limit of 0, sent as a null ratio, as critical', async () => {
    await renderContent(tenantEntity('cluster-1', 'team-alpha-dev'), {
      getEntityQuota: async () => ({
        entityRef: 'resource:default/team-alpha-dev',
        namespaces: [
          {
            cluster: 'cluster-1',
            namespace: 'team-alpha-dev',
            resources: [
              {
                resource: 'services.loadbalancers',
                hard: '0',
                used: '1',
                ratio: null as unknown as number,
                level: 'critical',
              },
            ],
          },
        ],
      }),
    });

    const row = await screen.findByRole('row', {
      name: /^services.loadbalancers /,
    });
    expect(within(row).getByText('over limit')).toBeInTheDocument();
    expect(within(row).getByText('Critical')).toBeInTheDocument();
  });

  it('shows an empty state when the entity has no namespaces', async () => {
    await renderContent(teamAlphaGroup, {
      getEntityQuota: async () => ({
        entityRef: 'group:default/team-alpha',
        namespaces: [],
      }),
    });

    expect(
      await screen.findByText('No namespaces with quota'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/team-alpha has no Kubernetes namespaces/),
    ).toBeInTheDocument();
  });

  it('names the namespaces that have no ResourceQuota in the empty state', async () => {
    await renderContent(
      componentEntity({ 'backstage.io/kubernetes-namespace': 'checkout' }),
      {
        getEntityQuota: async () => ({
          entityRef: 'component:default/checkout',
          namespaces: [
            { cluster: 'cluster-1', namespace: 'checkout', resources: [] },
          ],
        }),
      },
    );

    expect(
      await screen.findByText('No ResourceQuota limits checkout on cluster-1.'),
    ).toBeInTheDocument();
  });

  it('asks for the namespace annotation on a component without one', async () => {
    const getEntityQuota = jest.fn();
    await renderContent(componentEntity(), { getEntityQuota });

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-namespace/).length,
    ).toBeGreaterThan(0);
    expect(getEntityQuota).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed to read quota of group:default/team-alpha',
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ),
    );
    await renderContent(teamAlphaGroup, {
      getEntityQuota: async () => Promise.reject(error),
    });

    expect(
      (
        await screen.findAllByText(
          /Not allowed to read quota of group:default\/team-alpha/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});

import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import {
  teamAlphaGroup,
  teamAlphaProdQuota,
  teamAlphaQuota,
} from '../../testing/tenantFixtures';
import { EntityQuotaCard } from './EntityQuotaCard';

const checkoutComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'kube-platform.io/tenant': 'cluster-2/team-alpha-prod' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-alpha' },
};

function renderCard(entity: Entity, api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityQuotaCard refreshIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityQuotaCard', () => {
  it('summarises each tenant of a group with its worst level and gauges', async () => {
    await renderCard(teamAlphaGroup, {
      getEntityQuota: async () => teamAlphaQuota,
    });

    expect(await screen.findByText('Kubernetes quota')).toBeInTheDocument();
    const dev = screen.getByRole('heading', {
      name: 'team-alpha-dev on cluster-1',
    });
    expect(within(dev.parentElement!).getByText('Warning')).toBeInTheDocument();
    const prod = screen.getByRole('heading', {
      name: 'team-alpha-prod on cluster-2',
    });
    expect(
      within(prod.parentElement!).getByText('Critical'),
    ).toBeInTheDocument();
    expect(screen.getByText('3400m of 4')).toBeInTheDocument();
    expect(screen.getByText('38Gi of 40Gi')).toBeInTheDocument();
    expect(screen.getAllByText('95%').length).toBeGreaterThan(0);
  });

  it("shows the namespace of a component's tenant annotation", async () => {
    const getEntityQuota = jest.fn(async () => ({
      entityRef: 'component:default/checkout',
      namespaces: [teamAlphaProdQuota],
    }));
    await renderCard(checkoutComponent, { getEntityQuota });

    expect(
      await screen.findByText('Quota of team-alpha-prod on cluster-2'),
    ).toBeInTheDocument();
    expect(getEntityQuota).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout',
    });
  });

  it('asks for the namespace annotation on a component without one', async () => {
    await renderCard(
      { ...checkoutComponent, metadata: { name: 'checkout' } },
      { getEntityQuota: jest.fn() },
    );

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});

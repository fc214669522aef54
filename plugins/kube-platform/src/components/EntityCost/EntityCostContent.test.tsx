import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { teamAlphaGroup, tenantEntity } from '../../testing/tenantFixtures';
import { emptyCost, teamAlphaCost } from './costFixtures.test-data';
import { EntityCostCard } from './EntityCostCard';
import { EntityCostContent } from './EntityCostContent';
import { isCostAvailable } from './isCostAvailable';

function renderWith(
  element: JSX.Element,
  entity: Entity,
  api: Partial<KubePlatformApi>,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}

const forbidden = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'not allowed' },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    ),
  );

function rowOf(name: string): HTMLElement {
  return screen.getByRole('row', { name: new RegExp(`^${name} `) });
}

async function choose(selector: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(selector));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

describe('isCostAvailable', () => {
  it('accepts groups and tenant namespaces, not un-annotated components', () => {
    expect(isCostAvailable(teamAlphaGroup)).toBe(true);
    expect(isCostAvailable(tenantEntity('cluster-1', 'team-alpha-dev'))).toBe(
      true,
    );
    expect(
      isCostAvailable({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout' },
        spec: {},
      }),
    ).toBe(false);
  });
});

describe('EntityCostContent', () => {
  it('shows the total, chart, breakdown, budget, efficiency, usage sources and gaps', async () => {
    const getEntityCost = jest.fn(async () => teamAlphaCost);
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      teamAlphaGroup,
      { getEntityCost },
    );

    expect(
      await screen.findByText('$45.00 over the last 30 days'),
    ).toBeInTheDocument();
    expect(getEntityCost).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'team-alpha' },
      expect.objectContaining({ step: 'day', groupBy: 'cluster' }),
    );
    expect(
      screen.getByRole('img', {
        name: 'Cost per day by CPU, memory and storage',
      }),
    ).toBeInTheDocument();

    // Most expensive first, with its share of the total.
    const rows = screen.getAllByRole('row').slice(1);
    // The first cell of each row names the cluster.
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['cluster-1', 'cluster-2']);
    const cluster1 = rowOf('cluster-1');
    expect(within(cluster1).getByText('$36.00')).toBeInTheDocument();
    expect(within(cluster1).getByText('80%')).toBeInTheDocument();

    expect(
      screen.getByText('$410 of $500 this month (82%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Projected for the month: \$456/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Projected near budget').closest('.MuiChip-root')!
        .className,
    ).toMatch(/warningChip/);
    expect(screen.getByText('42%')).toBeInTheDocument();
    expect(
      screen.getByText('cluster-2: estimated from requests (no usage metrics)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('cluster-1: measured usage (metrics)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /cluster-2: 2026-11-26 03:00 UTC to 2026-11-26 04:30 UTC \(cluster unreachable\)/,
      ),
    ).toBeInTheDocument();
  });

  it('asks again for the chosen window, grouping and child groups', async () => {
    const getEntityCost = jest.fn(async () => teamAlphaCost);
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      teamAlphaGroup,
      { getEntityCost },
    );
    await screen.findByText('$45.00 over the last 30 days');

    await choose('Window', 'Last 24 hours');
    await waitFor(() =>
      expect(getEntityCost).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ step: 'hour', groupBy: 'cluster' }),
      ),
    );
    await choose('Break down by', 'Workload');
    await waitFor(() =>
      expect(getEntityCost).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ step: 'hour', groupBy: 'workload' }),
      ),
    );
    fireEvent.click(screen.getByLabelText('Include child groups'));
    await waitFor(() =>
      expect(getEntityCost).toHaveBeenLastCalledWith(
        expect.anything(),
        expect.objectContaining({ includeChildren: true }),
      ),
    );
  });

  it('offers the child groups toggle on groups only', async () => {
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      tenantEntity('cluster-1', 'team-alpha-dev'),
      { getEntityCost: async () => teamAlphaCost },
    );
    await screen.findByText('$45.00 over the last 30 days');
    expect(screen.queryByLabelText('Include child groups')).toBeNull();
  });

  it('downloads the CSV of the current choices with the client', async () => {
    const downloadEntityCostCsv = jest.fn(async () => ({
      fileName: 'team-alpha-cost.csv',
      content: new Blob(['start,total\n']),
    }));
    const createObjectURL = jest.fn(() => 'blob:cost');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function saved(this: HTMLAnchorElement) {
        expect(this.download).toBe('team-alpha-cost.csv');
        expect(this.href).toBe('blob:cost');
      });
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      teamAlphaGroup,
      { getEntityCost: async () => teamAlphaCost, downloadEntityCostCsv },
    );
    await screen.findByText('$45.00 over the last 30 days');

    fireEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    click.mockRestore();
    expect(downloadEntityCostCsv).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'team-alpha' },
      expect.objectContaining({ step: 'day', groupBy: 'cluster' }),
    );
  });

  it('says when nothing has been sampled yet', async () => {
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      teamAlphaGroup,
      { getEntityCost: async () => emptyCost },
    );
    expect(await screen.findByText('No cost recorded yet')).toBeInTheDocument();
    expect(screen.getByText(/every 60 s by default/)).toBeInTheDocument();
  });

  it('explains a 403 instead of showing a raw error', async () => {
    const error = await forbidden();
    await renderWith(
      <EntityCostContent refreshIntervalMs={0} />,
      teamAlphaGroup,
      { getEntityCost: () => Promise.reject(error) },
    );
    expect(
      await screen.findByText('You cannot see this cost'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/members of the owning group and to platform admins/),
    ).toBeInTheDocument();
  });
});

describe('EntityCostCard', () => {
  it('shows month to date and the budget level', async () => {
    const getEntityCost = jest.fn(async () => teamAlphaCost);
    await renderWith(<EntityCostCard refreshIntervalMs={0} />, teamAlphaGroup, {
      getEntityCost,
    });
    expect(await screen.findByText('$45.00')).toBeInTheDocument();
    expect(getEntityCost).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({
        from: expect.stringMatching(/-01T00:00:00.000Z$/),
      }),
    );
    expect(screen.getByText('Projected near budget')).toBeInTheDocument();
    expect(screen.getByText(/Projected for the month/)).toBeInTheDocument();
  });

  it('explains a 403', async () => {
    const error = await forbidden();
    await renderWith(<EntityCostCard refreshIntervalMs={0} />, teamAlphaGroup, {
      getEntityCost: () => Promise.reject(error),
    });
    expect(
      await screen.findByText('You cannot see this cost'),
    ).toBeInTheDocument();
  });
});

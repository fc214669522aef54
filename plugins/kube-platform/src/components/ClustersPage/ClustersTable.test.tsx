import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import { fireEvent, screen, within } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { registeredClusters } from '../../testing/clusterFixtures';
import { ClustersTable } from './ClustersTable';

function renderWith(api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <ClustersTable refreshIntervalMs={0} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

// The table annotates the rows it is given, so every render gets its own copy.
const freshClusters = (): ClusterStatus[] =>
  JSON.parse(JSON.stringify(registeredClusters));

function rowOf(text: string): HTMLElement {
  return screen.getByText(text).closest('tr')!;
}

describe('ClustersTable', () => {
  it('lists clusters with health, version, nodes, capacity, labels, cache and owner', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    expect(
      await screen.findByText('Registered clusters (3)'),
    ).toBeInTheDocument();

    const usWest = within(rowOf('US West production'));
    expect(usWest.getByText('US West production').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/resource/cluster-1',
    );
    expect(
      usWest.getByText('cluster-1, management (host)'),
    ).toBeInTheDocument();
    expect(usWest.getByText('Ready')).toBeInTheDocument();
    expect(usWest.getByText('v1.36.0')).toBeInTheDocument();
    expect(usWest.getByText('3/3')).toBeInTheDocument();
    expect(usWest.getByText('6 / 12')).toBeInTheDocument();
    expect(usWest.getByText('24Gi / 48Gi')).toBeInTheDocument();
    expect(usWest.getByText('region=us-west')).toBeInTheDocument();
    expect(usWest.getByText('Synced, last event 2m ago')).toBeInTheDocument();
    expect(usWest.getByText('platform-team')).toBeInTheDocument();

    const usEast = within(rowOf('cluster-2'));
    expect(usEast.getByText('1/2')).toBeInTheDocument();
    expect(usEast.getByText('overcommit 1.50×')).toBeInTheDocument();
  });

  it('shows the NotReady cluster with its last error and stale cache', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    await screen.findByText('Registered clusters (3)');

    const euWest = within(rowOf('cluster-3'));
    const status = euWest.getByText('NotReady');
    expect(euWest.getByText('0/1')).toBeInTheDocument();
    expect(euWest.getByText('2 / 0')).toBeInTheDocument();
    expect(euWest.getAllByText('overcommit n/a')).toHaveLength(2);
    expect(
      euWest.getByText('Not synced, last event 25m ago'),
    ).toBeInTheDocument();

    fireEvent.mouseOver(status);
    expect(
      await screen.findByText(
        'Last error: connect ECONNREFUSED 127.0.0.1:16445',
      ),
    ).toBeInTheDocument();
  });

  it('narrows the table with a label selector', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    await screen.findByText('Registered clusters (3)');

    fireEvent.change(screen.getByLabelText('Label selector'), {
      target: { value: 'region=us-west' },
    });
    expect(
      screen.getByText('Registered clusters (1 of 3)'),
    ).toBeInTheDocument();
    expect(screen.getByText('US West production')).toBeInTheDocument();
    expect(screen.queryByText('cluster-2')).not.toBeInTheDocument();
    expect(screen.queryByText('cluster-3')).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Label selector'), {
      target: { value: 'region in (us-west,us-east),environment!=staging' },
    });
    expect(
      screen.getByText('Registered clusters (2 of 3)'),
    ).toBeInTheDocument();
    expect(screen.queryByText('cluster-3')).not.toBeInTheDocument();
  });

  it('adds a clicked label to the selector', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    await screen.findByText('Registered clusters (3)');

    fireEvent.click(screen.getByText('environment=staging'));
    expect(screen.getByLabelText('Label selector')).toHaveValue(
      'environment=staging',
    );
    expect(
      screen.getByText('Registered clusters (1 of 3)'),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster-3')).toBeInTheDocument();
  });

  it('explains a label selector it cannot read and keeps every cluster', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    await screen.findByText('Registered clusters (3)');

    fireEvent.change(screen.getByLabelText('Label selector'), {
      target: { value: 'region in ()' },
    });
    expect(
      screen.getByText(
        '"region in ()" needs at least one value in the parentheses',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Registered clusters (3)')).toBeInTheDocument();
  });

  it('narrows the table by health', async () => {
    await renderWith({ listClusters: async () => freshClusters() });
    await screen.findByText('Registered clusters (3)');

    fireEvent.change(screen.getByLabelText('Health'), {
      target: { value: 'NotReady' },
    });
    expect(
      screen.getByText('Registered clusters (1 of 3)'),
    ).toBeInTheDocument();
    expect(screen.getByText('cluster-3')).toBeInTheDocument();
    expect(screen.queryByText('US West production')).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Health'), {
      target: { value: 'Unknown' },
    });
    expect(
      screen.getByText('No registered cluster matches the filters.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to read the cluster inventory',
        },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderWith({ listClusters: async () => Promise.reject(error) });
    expect(
      (await screen.findAllByText(/Not allowed to read the cluster inventory/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('explains an empty inventory', async () => {
    await renderWith({ listClusters: async () => [] });
    expect(
      await screen.findByText('No clusters are registered'),
    ).toBeInTheDocument();
  });
});

import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { ClustersTable } from './ClustersTable';

function renderWith(api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <ClustersTable />
    </TestApiProvider>,
  );
}

describe('ClustersTable', () => {
  it('lists clusters with their labels and role', async () => {
    await renderWith({
      listClusters: async () => [
        {
          name: 'cluster-1',
          title: 'US West production',
          url: 'https://127.0.0.1:16443',
          labels: { region: 'us-west', environment: 'production' },
          owner: 'group:default/platform-team',
          host: true,
        },
        {
          name: 'cluster-3',
          url: 'https://127.0.0.1:16445',
          labels: { region: 'eu-west', environment: 'staging' },
          host: false,
        },
      ],
    });
    expect(await screen.findByText('Registered clusters (2)')).toBeInTheDocument();
    expect(screen.getByText('US West production')).toBeInTheDocument();
    expect(screen.getByText('region=us-west')).toBeInTheDocument();
    expect(screen.getByText('environment=staging')).toBeInTheDocument();
    expect(screen.getByText('management (host)')).toBeInTheDocument();
    expect(screen.getByText('member')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({ error: { name: 'NotAllowedError', message: 'Not allowed to read the cluster inventory' } }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await renderWith({ listClusters: async () => Promise.reject(error) });
    expect(
      (await screen.findAllByText(/Not allowed to read the cluster inventory/)).length,
    ).toBeGreaterThan(0);
  });

  it('explains an empty inventory', async () => {
    await renderWith({ listClusters: async () => [] });
    expect(await screen.findByText(/No clusters are registered/)).toBeInTheDocument();
  });
});

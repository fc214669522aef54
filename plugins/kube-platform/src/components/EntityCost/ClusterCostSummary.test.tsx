import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { ClusterCostSummary } from './ClusterCostSummary';

function renderSummary(api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <ClusterCostSummary clusterName="cluster-1" refreshIntervalMs={0} />
    </TestApiProvider>,
  );
}

describe('ClusterCostSummary', () => {
  it('shows allocated and idle cost and the efficiency', async () => {
    const getClusterCost = jest.fn(async () => ({
      cluster: 'cluster-1',
      currency: 'USD',
      from: '2026-10-28T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      allocated: { cpu: 80, memory: 30, storage: 10, total: 120 },
      idle: { cpu: 50, memory: 30, storage: 0, total: 80 },
      total: { cpu: 130, memory: 60, storage: 10, total: 200 },
      efficiency: 0.375,
    }));
    await renderSummary({ getClusterCost });
    expect(
      await screen.findByText('$120 allocated, $80.00 idle; efficiency 38%'),
    ).toBeInTheDocument();
    expect(getClusterCost).toHaveBeenCalledWith('cluster-1');
  });

  it('tells those not allowed who may see it', async () => {
    const error = await ResponseError.fromResponse(
      new Response(JSON.stringify({ error: { name: 'NotAllowedError' } }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      }),
    );
    await renderSummary({ getClusterCost: () => Promise.reject(error) });
    expect(
      await screen.findByText(
        'Visible to the cluster owners and platform admins',
      ),
    ).toBeInTheDocument();
  });
});

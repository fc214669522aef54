import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { KubePlatformApi } from '../../api/KubePlatformApi';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import {
  euWestStagingCluster,
  usEastCluster,
  usWestProductionCluster,
} from '../../testing/clusterFixtures';
import { EntityClusterCard } from './EntityClusterCard';
import { isKubePlatformClusterAvailable } from './isKubePlatformClusterAvailable';

function clusterEntity(
  name: string,
  options: { annotation?: string; type?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      annotations: options.annotation
        ? { 'kube-platform.io/cluster': options.annotation }
        : {},
    },
    spec: {
      type: options.type ?? 'kubernetes-cluster',
      owner: 'group:default/platform-team',
    },
  };
}

function renderCard(entity: Entity, api: Partial<KubePlatformApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[kubePlatformApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityClusterCard refreshIntervalMs={0} />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('isKubePlatformClusterAvailable', () => {
  it('accepts kubernetes-cluster Resources only, not tenants naming their cluster', () => {
    expect(isKubePlatformClusterAvailable(clusterEntity('cluster-1'))).toBe(
      true,
    );
    expect(
      isKubePlatformClusterAvailable(
        clusterEntity('cluster-1-team-alpha-prod', {
          type: 'kubernetes-namespace',
          annotation: 'cluster-1',
        }),
      ),
    ).toBe(false);
    expect(
      isKubePlatformClusterAvailable(clusterEntity('db', { type: 'database' })),
    ).toBe(false);
    expect(
      isKubePlatformClusterAvailable({
        ...clusterEntity('cluster-1'),
        kind: 'Component',
      }),
    ).toBe(false);
  });
});

describe('EntityClusterCard', () => {
  it('shows health, version, nodes, quota gauges and overcommit of a Ready cluster', async () => {
    const getCluster = jest.fn(async () => usEastCluster);
    await renderCard(clusterEntity('cluster-2'), { getCluster });

    expect(await screen.findByText('Kubernetes cluster')).toBeInTheDocument();
    expect(getCluster).toHaveBeenCalledWith('cluster-2');
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.getByText(/since 45m ago/)).toBeInTheDocument();
    expect(
      screen.getByText('Last error: context deadline exceeded'),
    ).toBeInTheDocument();
    expect(screen.getByText('v1.35.2')).toBeInTheDocument();
    expect(screen.getByText('23 ms')).toBeInTheDocument();
    expect(screen.getByText('1/2')).toBeInTheDocument();

    expect(screen.getByText('CPU quota allocated')).toBeInTheDocument();
    expect(screen.getByText('150%')).toBeInTheDocument();
    expect(
      screen.getByText('6 cores of 4 cores allocatable'),
    ).toBeInTheDocument();
    expect(screen.getByText('overcommit 1.50×')).toBeInTheDocument();
    expect(screen.getByText('Memory quota allocated')).toBeInTheDocument();
    expect(screen.getByText('50%')).toBeInTheDocument();
    expect(screen.getByText('8Gi of 16Gi allocatable')).toBeInTheDocument();
    expect(screen.getByText('overcommit 0.50×')).toBeInTheDocument();

    expect(screen.getByText('Synced, last event 2m ago')).toBeInTheDocument();
    expect(
      screen.getByText('2 of 3 recent probes succeeded'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Failed 3m ago: context deadline exceeded',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'OK 1m ago, 23 ms' }),
    ).toBeInTheDocument();
  });

  it('resolves the cluster from the annotation before the entity name', async () => {
    const getCluster = jest.fn(async () => usWestProductionCluster);
    await renderCard(
      clusterEntity('us-west-prod', { annotation: 'cluster-1' }),
      { getCluster },
    );

    expect(
      await screen.findByText('US West production, https://127.0.0.1:16443'),
    ).toBeInTheDocument();
    expect(getCluster).toHaveBeenCalledWith('cluster-1');
  });

  it('shows the error state of a NotReady cluster with a stale cache', async () => {
    await renderCard(clusterEntity('cluster-3'), {
      getCluster: async () => euWestStagingCluster,
    });

    expect(await screen.findByText('NotReady')).toBeInTheDocument();
    expect(
      screen.getByText('Last error: connect ECONNREFUSED 127.0.0.1:16445'),
    ).toBeInTheDocument();
    expect(screen.getByText('0/1')).toBeInTheDocument();
    expect(
      screen.getByText('No allocatable CPU on Ready nodes'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No allocatable Memory on Ready nodes'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not synced, last event 25m ago'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /namespaces: 5, not synced, last event 25m ago \(connect ECONNREFUSED/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 of 3 recent probes succeeded'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation on an entity that is not a cluster', async () => {
    const getCluster = jest.fn();
    await renderCard(clusterEntity('orders-db', { type: 'database' }), {
      getCluster,
    });

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/kube-platform.io\/cluster/).length,
    ).toBeGreaterThan(0);
    expect(getCluster).not.toHaveBeenCalled();
  });

  it('explains a cluster the backend does not know', async () => {
    await renderCard(clusterEntity('cluster-9'), {
      getCluster: async () => undefined,
    });

    expect(
      await screen.findByText('Cluster cluster-9 is not registered'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Not allowed to read cluster-1',
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ),
    );
    await renderCard(clusterEntity('cluster-1'), {
      getCluster: async () => Promise.reject(error),
    });

    expect(
      (await screen.findAllByText(/Not allowed to read cluster-1/)).length,
    ).toBeGreaterThan(0);
  });
});

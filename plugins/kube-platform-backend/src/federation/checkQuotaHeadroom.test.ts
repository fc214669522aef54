import type { RenderedCluster } from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant } from '../database/TenantStore';
import { checkQuotaHeadroom } from './checkQuotaHeadroom';

const cache = (quotas: Record<string, object[]>) => ({
  forCluster: (cluster: string) =>
    ({ resourceQuotas: { list: () => quotas[cluster] ?? [] } } as any),
});

const rendered = (
  cluster: string,
  replicas: number,
  resources: object = {},
): RenderedCluster => ({
  cluster,
  replicas,
  objects: [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'ns', labels: {} },
      spec: {
        replicas,
        strategy: { rollingUpdate: { maxSurge: 1 } },
        template: { spec: { containers: [{ name: 'web', resources }] } },
      },
    },
  ],
});

const tenant = (defaults: object) =>
  ({ spec: { limitRange: { container: defaults } } } as StoredTenant);

describe('checkQuotaHeadroom', () => {
  it('counts replicas plus surge against hard minus used, per cluster', () => {
    const refusals = checkQuotaHeadroom(
      cache({
        a: [
          {
            namespace: 'ns',
            name: 'q',
            hard: { pods: '4' },
            used: { pods: '0' },
          },
        ],
        b: [
          {
            namespace: 'ns',
            name: 'q',
            hard: { pods: '2' },
            used: { pods: '0' },
          },
        ],
      }),
      'ns',
      [rendered('a', 3), rendered('b', 2)],
      {},
      {},
    );
    expect(refusals).toEqual([
      {
        cluster: 'b',
        reason: expect.stringContaining(
          'pods needs 3 for 3 pods but 2 is available',
        ),
      },
    ]);
  });

  it('applies the LimitRange defaults and frees the pods the app already runs', () => {
    const quota = {
      namespace: 'ns',
      name: 'q',
      hard: { 'requests.cpu': '1' },
      used: { 'requests.cpu': '500m' },
    };
    const defaults = tenant({
      default: { cpu: '1' },
      defaultRequest: { cpu: '250m' },
    });
    // 2 replicas + 1 surge at the default 250m = 750m; 500m used, all by the app's 2 pods.
    expect(
      checkQuotaHeadroom(
        cache({ a: [quota] }),
        'ns',
        [rendered('a', 2)],
        { a: defaults },
        { a: 2 },
      ),
    ).toEqual([]);
    expect(
      checkQuotaHeadroom(
        cache({ a: [quota] }),
        'ns',
        [rendered('a', 2)],
        { a: defaults },
        {},
      ),
    ).toEqual([
      {
        cluster: 'a',
        reason: expect.stringContaining('requests.cpu needs 0.75'),
      },
    ]);
  });

  it('ignores quotas of other namespaces', () => {
    expect(
      checkQuotaHeadroom(
        cache({
          a: [{ namespace: 'other', name: 'q', hard: { pods: '0' }, used: {} }],
        }),
        'ns',
        [rendered('a', 3)],
        {},
        {},
      ),
    ).toEqual([]);
  });
});

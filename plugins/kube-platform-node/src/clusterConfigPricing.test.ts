import { ConfigReader } from '@backstage/config';
import { readClusterConnections } from './clusterConfig';

function cluster(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    url: 'https://127.0.0.1:16443',
    skipTLSVerify: true,
    auth: { provider: 'serviceAccount', token: 'secret-token' },
    ...overrides,
  };
}

const read = (kubePlatform: object) =>
  readClusterConnections(new ConfigReader({ kubePlatform } as any));

describe('cost pricing configuration', () => {
  it('keeps each cluster’s validated override and nothing when absent', () => {
    const connections = read({
      cost: { pricing: { cpuCoreHour: 0.04, currency: 'EUR' } },
      clusters: [
        cluster('cluster-1', {
          pricing: {
            memoryGiBHour: 0.02,
            storageClasses: { 'localcluster-standard': 0.002 },
            nodePriceFactors: [
              {
                selector: {
                  matchLabels: { 'node.kubernetes.io/lifecycle': 'spot' },
                },
                factor: 0.3,
              },
            ],
          },
        }),
        cluster('cluster-2'),
      ],
    });
    expect(connections[0].pricing).toEqual({
      memoryGiBHour: 0.02,
      storageClasses: { 'localcluster-standard': 0.002 },
      nodePriceFactors: [
        {
          selector: { matchLabels: { 'node.kubernetes.io/lifecycle': 'spot' } },
          factor: 0.3,
        },
      ],
    });
    expect(connections[1]).not.toHaveProperty('pricing');
  });

  it.each([
    [
      { clusters: [cluster('cluster-1', { pricing: { cpuCoreHour: -1 } })] },
      'kubePlatform.clusters[0].pricing.cpuCoreHour',
    ],
    [
      {
        clusters: [
          cluster('a'),
          cluster('b', { pricing: { currency: 'euro' } }),
        ],
      },
      'kubePlatform.clusters[1].pricing.currency',
    ],
    [
      {
        clusters: [
          cluster('a', {
            pricing: { nodePriceFactors: [{ selector: {}, factor: 0 }] },
          }),
        ],
      },
      'kubePlatform.clusters[0].pricing.nodePriceFactors[0].factor',
    ],
    [
      { cost: { pricing: { cpuCoreHours: 1 } }, clusters: [cluster('a')] },
      'kubePlatform.cost.pricing',
    ],
    [
      { cost: { pricing: { storageGiBHour: 'cheap' } }, clusters: [] },
      'kubePlatform.cost.pricing.storageGiBHour',
    ],
  ])('rejects %j naming %s', (kubePlatform, key) => {
    expect(() => read(kubePlatform)).toThrow(
      `Invalid Kube Platform configuration at '${key}'`,
    );
  });

  it('names an unknown key', () => {
    expect(() =>
      read({ clusters: [cluster('a', { pricing: { cpuCoreHours: 1 } })] }),
    ).toThrow(/pricing': .*cpuCoreHours/);
  });
});

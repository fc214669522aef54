import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClusterRegistryFromConfig } from './clusterRegistry';

const caFile = join(__dirname, '__fixtures__', 'test-ca.pem');
const caData = readFileSync(caFile).toString('base64');

function cluster(overrides: Record<string, unknown> = {}) {
  return {
    name: 'cluster-1',
    url: 'https://127.0.0.1:16443/',
    caData,
    auth: { provider: 'serviceAccount', token: 'secret-token-1' },
    labels: { region: 'us-west', environment: 'production' },
    owner: 'group:default/platform-team',
    ...overrides,
  };
}

function registryFor(clusters: unknown[]) {
  return createClusterRegistryFromConfig(
    new ConfigReader({ kubePlatform: { clusters } } as any),
  );
}

describe('cluster registry', () => {
  it('lists clusters without credentials', () => {
    const registry = registryFor([
      cluster(),
      cluster({
        name: 'cluster-3',
        caData: undefined,
        caFile,
        labels: { region: 'eu-west', environment: 'staging' },
      }),
    ]);
    expect(registry.listClusters()).toEqual([
      {
        name: 'cluster-1',
        title: undefined,
        url: 'https://127.0.0.1:16443',
        labels: { region: 'us-west', environment: 'production' },
        owner: 'group:default/platform-team',
        host: false,
      },
      expect.objectContaining({ name: 'cluster-3' }),
    ]);
    expect(JSON.stringify(registry.listClusters())).not.toContain('secret-token');
  });

  it('builds a KubeConfig per cluster with server, CA and token', () => {
    const registry = registryFor([cluster()]);
    const kubeConfig = registry.getKubeConfig('cluster-1');
    expect(kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'https://127.0.0.1:16443',
      caData,
      skipTLSVerify: false,
    });
    expect(kubeConfig.getCurrentUser()?.token).toBe('secret-token-1');
    expect(registry.getKubeConfig('cluster-1')).toBe(kubeConfig);
  });

  it('selects clusters by labels', () => {
    const registry = registryFor([
      cluster(),
      cluster({ name: 'cluster-2', labels: { region: 'us-east', environment: 'production' } }),
      cluster({ name: 'cluster-3', labels: { region: 'eu-west', environment: 'staging' } }),
    ]);
    const names = (selector: object) =>
      registry.selectClusters(selector).map(c => c.name);
    expect(names({ matchLabels: { environment: 'production' } })).toEqual([
      'cluster-1',
      'cluster-2',
    ]);
    expect(
      names({ matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-west'] }] }),
    ).toEqual(['cluster-2', 'cluster-3']);
  });

  it('throws NotFoundError for unknown clusters', () => {
    const registry = registryFor([cluster()]);
    expect(() => registry.getCluster('nope')).toThrow(NotFoundError);
    expect(() => registry.getKubeConfig('nope')).toThrow(NotFoundError);
  });

  it.each([
    [[cluster({ url: undefined })], "kubePlatform.clusters[0].url': is required"],
    [[cluster({ url: 'not a url' })], "kubePlatform.clusters[0].url': 'not a url' is not a URL"],
    [[cluster(), cluster()], "kubePlatform.clusters[1].name': duplicate cluster name 'cluster-1'"],
    [[cluster({ caData: Buffer.from('garbage').toString('base64') })], "kubePlatform.clusters[0].caData': is not a PEM"],
    [[cluster({ caData: undefined, caFile: '/nonexistent/ca.pem' })], "kubePlatform.clusters[0].caFile': cannot read"],
    [[cluster({ name: 'Cluster_1' })], "kubePlatform.clusters[0].name': 'Cluster_1' is not a DNS-1123 label"],
    [[cluster({ auth: { provider: 'serviceAccount' } })], "kubePlatform.clusters[0].auth.token': is required"],
  ])('rejects bad configuration %#', (clusters, message) => {
    expect(() => registryFor(clusters)).toThrow(message);
  });
});

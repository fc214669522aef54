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

function registryFor(clusters: unknown[], settings: object = {}) {
  return createClusterRegistryFromConfig(
    new ConfigReader({ kubePlatform: { ...settings, clusters } } as any),
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
    expect(JSON.stringify(registry.listClusters())).not.toContain(
      'secret-token',
    );
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
      cluster({
        name: 'cluster-2',
        labels: { region: 'us-east', environment: 'production' },
      }),
      cluster({
        name: 'cluster-3',
        labels: { region: 'eu-west', environment: 'staging' },
      }),
    ]);
    const names = (selector: object) =>
      registry.selectClusters(selector).map(c => c.name);
    expect(names({ matchLabels: { environment: 'production' } })).toEqual([
      'cluster-1',
      'cluster-2',
    ]);
    expect(
      names({
        matchExpressions: [
          { key: 'region', operator: 'NotIn', values: ['us-west'] },
        ],
      }),
    ).toEqual(['cluster-2', 'cluster-3']);
  });

  it('throws NotFoundError for unknown clusters', () => {
    const registry = registryFor([cluster()]);
    expect(() => registry.getCluster('nope')).toThrow(NotFoundError);
    expect(() => registry.getKubeConfig('nope')).toThrow(NotFoundError);
  });

  it("hands out each cluster's overcommit limits, absent when not configured", () => {
    const registry = registryFor([
      cluster({ maxOvercommit: { cpu: 1.5, memory: 1 } }),
      cluster({ name: 'cluster-2', maxOvercommit: { memory: 0.8 } }),
      cluster({ name: 'cluster-3' }),
    ]);
    expect(registry.getCluster('cluster-1').maxOvercommit).toEqual({
      cpu: 1.5,
      memory: 1,
    });
    expect(registry.getCluster('cluster-2').maxOvercommit).toEqual({
      memory: 0.8,
    });
    expect(registry.getCluster('cluster-3').maxOvercommit).toBeUndefined();
    expect(
      registry.selectClusters({ matchLabels: { region: 'us-west' } })[0]
        .maxOvercommit,
    ).toEqual({ cpu: 1.5, memory: 1 });
    expect(JSON.stringify(registry.listClusters())).not.toContain(
      'secret-token',
    );
  });

  it.each([
    [
      { cpu: 0 },
      "kubePlatform.clusters[0].maxOvercommit.cpu': must be a positive number",
    ],
    [
      { cpu: -1 },
      "kubePlatform.clusters[0].maxOvercommit.cpu': must be a positive number",
    ],
    [
      { memory: '1.5' },
      'kubePlatform.clusters[0].maxOvercommit.memory\': must be a positive number (a ratio to allocatable capacity, such as 1.5), got "1.5"',
    ],
    [
      { gpu: 2 },
      "kubePlatform.clusters[0].maxOvercommit.gpu': unknown resource",
    ],
    [2, "kubePlatform.clusters[0].maxOvercommit': must be an object"],
  ])('rejects maxOvercommit %p', (maxOvercommit, message) => {
    expect(() => registryFor([cluster({ maxOvercommit })])).toThrow(message);
  });

  it('refuses http:// cluster URLs unless insecure URLs are allowed', () => {
    const insecure = cluster({ url: 'http://127.0.0.1:8080' });
    expect(() => registryFor([insecure])).toThrow(
      "Invalid Kube Platform configuration at 'kubePlatform.clusters[0].url': 'http://127.0.0.1:8080' must be https:// (set kubePlatform.allowInsecureClusterUrls: true",
    );
    expect(() =>
      registryFor([insecure], { allowInsecureClusterUrls: false }),
    ).toThrow('must be https://');
    const registry = registryFor([insecure], {
      allowInsecureClusterUrls: true,
    });
    expect(registry.getCluster('cluster-1').url).toBe('http://127.0.0.1:8080');
  });

  it.each([
    [
      [cluster({ url: 'ftp://127.0.0.1' })],
      "kubePlatform.clusters[0].url': must be an https:// URL",
    ],
    [
      [cluster({ url: undefined })],
      "kubePlatform.clusters[0].url': is required",
    ],
    [
      [cluster({ url: 'not a url' })],
      "kubePlatform.clusters[0].url': 'not a url' is not a URL",
    ],
    [
      [cluster(), cluster()],
      "kubePlatform.clusters[1].name': duplicate cluster name 'cluster-1'",
    ],
    [
      [cluster({ caData: Buffer.from('garbage').toString('base64') })],
      "kubePlatform.clusters[0].caData': is not a PEM",
    ],
    [
      [cluster({ caData: undefined, caFile: '/nonexistent/ca.pem' })],
      "kubePlatform.clusters[0].caFile': cannot read",
    ],
    [
      [cluster({ name: 'Cluster_1' })],
      "kubePlatform.clusters[0].name': 'Cluster_1' is not a DNS-1123 label",
    ],
    [
      [cluster({ auth: { provider: 'serviceAccount' } })],
      "kubePlatform.clusters[0].auth.token': is required",
    ],
  ])('rejects bad configuration %#', (clusters, message) => {
    expect(() => registryFor(clusters)).toThrow(message);
  });
});

describe('cluster registry at run time', () => {
  const connection = (name: string, overrides: object = {}) => ({
    name,
    url: `https://${name}.example.com:6443`,
    caData,
    skipTLSVerify: false,
    token: `token-${name}`,
    labels: { region: 'us-west' },
    host: false,
    ...overrides,
  });

  function recording(registry: ReturnType<typeof registryFor>) {
    const changes: Array<{ added: string[]; removed: string[] }> = [];
    registry.onChange(change =>
      changes.push({
        added: change.added.map(c => c.name),
        removed: change.removed,
      }),
    );
    return changes;
  }

  it("adds, replaces and removes a supplier's clusters after the configured ones", () => {
    const registry = registryFor([cluster()], { requestTimeout: '7s' });
    const changes = recording(registry);

    const first = registry.replaceClusters('capi', [
      connection('dyn-a'),
      connection('dyn-b'),
    ]);
    expect(first).toEqual({
      added: ['dyn-a', 'dyn-b'],
      removed: [],
      changed: [],
      refused: [],
    });
    expect(registry.listClusters().map(c => c.name)).toEqual([
      'cluster-1',
      'dyn-a',
      'dyn-b',
    ]);
    expect(
      registry.selectClusters({ matchLabels: { region: 'us-west' } }),
    ).toHaveLength(3);
    // The configured default timeout applies to supplied clusters too.
    expect(registry.getKubeConfig('dyn-a')).toMatchObject({
      requestTimeoutMs: 7_000,
    });
    const oldKubeConfig = registry.getKubeConfig('dyn-a');

    const second = registry.replaceClusters('capi', [
      connection('dyn-a', { token: 'rotated' }),
      connection('dyn-b'),
    ]);
    expect(second).toMatchObject({
      added: [],
      removed: [],
      changed: ['dyn-a'],
    });
    const newKubeConfig = registry.getKubeConfig('dyn-a');
    expect(newKubeConfig).not.toBe(oldKubeConfig);
    expect(newKubeConfig.getCurrentUser()?.token).toBe('rotated');

    expect(
      registry.replaceClusters('capi', [connection('dyn-b')]),
    ).toMatchObject({
      removed: ['dyn-a'],
    });
    expect(registry.hasCluster('dyn-a')).toBe(false);
    expect(() => registry.getCluster('dyn-a')).toThrow(NotFoundError);
    expect(() => registry.getKubeConfig('dyn-a')).toThrow(NotFoundError);

    // Supplying the same list again changes nothing and notifies nobody.
    registry.replaceClusters('capi', [connection('dyn-b')]);
    expect(changes).toEqual([
      { added: ['dyn-a', 'dyn-b'], removed: [] },
      { added: ['dyn-a'], removed: ['dyn-a'] },
      { added: [], removed: ['dyn-a'] },
    ]);
  });

  it('refuses a bad URL, a bad CA and a taken name, naming each, and keeps the others', () => {
    const registry = registryFor([cluster()]);
    const result = registry.replaceClusters('capi', [
      connection('bad-url', { url: 'not a url' }),
      connection('plain-http', { url: 'http://10.0.0.1:6443' }),
      connection('bad-ca', {
        caData: Buffer.from('not a certificate').toString('base64'),
      }),
      connection('cluster-1'),
      connection('good'),
    ]);
    expect(result.added).toEqual(['good']);
    expect(result.refused.map(e => e.message)).toEqual([
      "Cluster 'bad-url' from supplier 'capi' refused: 'url': 'not a url' is not a URL",
      expect.stringMatching(
        /^Cluster 'plain-http' from supplier 'capi' refused: 'url': .* must be https:\/\//,
      ),
      "Cluster 'bad-ca' from supplier 'capi' refused: 'caData': is not a PEM-encoded X.509 certificate",
      "Cluster 'cluster-1' from supplier 'capi' refused: the name is taken by 'config'",
    ]);
    expect(registry.listClusters().map(c => c.name)).toEqual([
      'cluster-1',
      'good',
    ]);
    expect(registry.getCluster('cluster-1').url).toBe(
      'https://127.0.0.1:16443',
    );
  });

  it('keeps the previous connection of a cluster whose new one is refused', () => {
    const registry = registryFor([]);
    registry.replaceClusters('capi', [connection('dyn-a')]);
    const changes = recording(registry);
    const result = registry.replaceClusters('capi', [
      connection('dyn-a', { url: 'ftp://dyn-a' }),
    ]);
    expect(result).toMatchObject({ added: [], removed: [], changed: [] });
    expect(result.refused).toHaveLength(1);
    expect(registry.getCluster('dyn-a').url).toBe(
      'https://dyn-a.example.com:6443',
    );
    expect(changes).toEqual([]);
  });

  it('accepts http:// from suppliers only when configuration allows insecure URLs', () => {
    const registry = registryFor([], { allowInsecureClusterUrls: true });
    const result = registry.replaceClusters('kind', [
      connection('local', { url: 'http://127.0.0.1:8080/' }),
    ]);
    expect(result.refused).toEqual([]);
    expect(registry.getCluster('local').url).toBe('http://127.0.0.1:8080');
  });

  it('stops notifying a listener after it unsubscribes', () => {
    const registry = registryFor([]);
    const listener = jest.fn();
    const unsubscribe = registry.onChange(listener);
    registry.replaceClusters('capi', [connection('dyn-a')]);
    unsubscribe();
    registry.replaceClusters('capi', []);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

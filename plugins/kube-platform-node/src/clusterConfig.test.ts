import { ConfigReader } from '@backstage/config';
import { DEFAULT_REQUEST_TIMEOUT_MS, readClusterConnections } from './clusterConfig';
import { createClusterRegistryFromConfig } from './clusterRegistry';
import { BoundedKubeConfig } from './timeouts/BoundedKubeConfig';

function cluster(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    url: 'https://127.0.0.1:16443',
    skipTLSVerify: true,
    auth: { provider: 'serviceAccount', token: 'secret-token' },
    ...overrides,
  };
}

function config(settings: object, clusters: unknown[] = [cluster('cluster-1')]) {
  return new ConfigReader({ kubePlatform: { ...settings, clusters } } as any);
}

const timeouts = (settings: object, clusters?: unknown[]) =>
  readClusterConnections(config(settings, clusters)).map(c => c.requestTimeoutMs);

describe('request timeouts', () => {
  it('default to 10 seconds', () => {
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(10_000);
    expect(timeouts({})).toEqual([10_000]);
  });

  it.each([
    [{ seconds: 5 }, 5_000],
    [{ milliseconds: 1500 }, 1_500],
    [{ minutes: 1, seconds: 30 }, 90_000],
    ['2s', 2_000],
    ['750ms', 750],
    ['PT3S', 3_000],
    ['PT1M', 60_000],
  ])('read kubePlatform.requestTimeout %p', (requestTimeout, ms) => {
    expect(timeouts({ requestTimeout })).toEqual([ms]);
  });

  it('take a per-cluster override, and the platform default elsewhere', () => {
    expect(
      timeouts({ requestTimeout: { seconds: 4 } }, [
        cluster('cluster-1'),
        cluster('cluster-2', { requestTimeout: { seconds: 30 } }),
        cluster('cluster-3', { requestTimeout: '500ms' }),
      ]),
    ).toEqual([4_000, 30_000, 500]);
  });

  it('bound the KubeConfig the registry hands out', () => {
    const registry = createClusterRegistryFromConfig(
      config({ requestTimeout: '3s' }, [
        cluster('cluster-1'),
        cluster('cluster-2', { requestTimeout: '1s' }),
      ]),
    );
    const one = registry.getKubeConfig('cluster-1');
    const two = registry.getKubeConfig('cluster-2');
    expect(one).toBeInstanceOf(BoundedKubeConfig);
    expect(one).toMatchObject({ clusterName: 'cluster-1', requestTimeoutMs: 3_000 });
    expect(two).toMatchObject({ clusterName: 'cluster-2', requestTimeoutMs: 1_000 });
  });

  it.each([
    [{ requestTimeout: 'soon' }, [], "'kubePlatform.requestTimeout': Invalid duration 'soon'"],
    [{ requestTimeout: '10' }, [], "'kubePlatform.requestTimeout': Invalid duration '10'"],
    [{ requestTimeout: { seconds: 0 } }, [], "'kubePlatform.requestTimeout': must be a positive duration"],
    [{ requestTimeout: { secs: 5 } }, [], "'kubePlatform.requestTimeout': Failed to read duration"],
    [{}, [{ requestTimeout: '0s' }], "'kubePlatform.clusters[0].requestTimeout': must be a positive duration"],
    [{}, [{ requestTimeout: 'PTXS' }], "'kubePlatform.clusters[0].requestTimeout': Invalid duration 'PTXS'"],
  ])('reject %p %p', (settings, overrides, message) => {
    const clusters = overrides.map(o => cluster('cluster-1', o));
    expect(() => timeouts(settings, clusters.length ? clusters : undefined)).toThrow(
      `Invalid Kube Platform configuration at ${message}`,
    );
  });
});

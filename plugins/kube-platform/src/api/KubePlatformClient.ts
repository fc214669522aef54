import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ClusterStatus } from '@kube-platform/plugin-kube-platform-common';
import type { KubePlatformApi } from './KubePlatformApi';

/** {@link KubePlatformApi} over HTTP, authenticated by the app's fetch API. */
export class KubePlatformClient implements KubePlatformApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listClusters(): Promise<ClusterStatus[]> {
    const body = await this.get<{ items: ClusterStatus[] }>('/clusters');
    return body!.items;
  }

  async getCluster(name: string): Promise<ClusterStatus | undefined> {
    return this.get<ClusterStatus>(`/clusters/${encodeURIComponent(name)}`, {
      allowNotFound: true,
    });
  }

  private async get<T>(
    path: string,
    options: { allowNotFound?: boolean } = {},
  ): Promise<T | undefined> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kube-platform');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (options.allowNotFound && response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

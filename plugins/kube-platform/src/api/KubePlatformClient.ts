import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterStatus,
  EntityQuotaResponse,
  IsolationReport,
  TenantDetails,
  TenantGuardrailsCostEstimate,
  TenantGuardrailsReport,
  TenantRequest,
} from '@kube-platform/plugin-kube-platform-common';
import type { KubePlatformApi } from './KubePlatformApi';
import type {
  FederatedAppChangeResult,
  FederatedAppDetails,
  FederatedAppPlanPreview,
  FederatedAppPlanRequest,
  FederatedReplicasChange,
  StoredFederatedApp,
} from './federationTypes';
import {
  type ClusterCostResponse,
  type CostCsvFile,
  type EntityCostQuery,
  type EntityCostResponse,
  entityCostPath,
  costCsvFileName,
  entityCostSearch,
  fileNameOf,
} from './costTypes';

/** Options of one backend request. */
interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  /** Sent as JSON. */
  body?: unknown;
  /** Resolve a 404 to `undefined` instead of throwing, where absence is normal. */
  allowNotFound?: boolean;
}

/** {@link KubePlatformApi} over HTTP, authenticated by the app's fetch API. */
export class KubePlatformClient implements KubePlatformApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listClusters(): Promise<ClusterStatus[]> {
    const body = await this.request<{ items: ClusterStatus[] }>('/clusters');
    return body!.items;
  }

  async getCluster(name: string): Promise<ClusterStatus | undefined> {
    return this.request<ClusterStatus>(
      `/clusters/${encodeURIComponent(name)}`,
      { allowNotFound: true },
    );
  }

  async getEntityQuota(
    entityRef: CompoundEntityRef,
  ): Promise<EntityQuotaResponse> {
    const path = [
      entityRef.kind.toLocaleLowerCase('en-US'),
      entityRef.namespace,
      entityRef.name,
    ]
      .map(encodeURIComponent)
      .join('/');
    const body = await this.request<EntityQuotaResponse>(
      `/entities/${path}/quota`,
    );
    return body!;
  }

  async getTenant(
    cluster: string,
    name: string,
  ): Promise<TenantDetails | undefined> {
    return this.request<TenantDetails>(tenantPath(cluster, name), {
      allowNotFound: true,
    });
  }

  async verifyTenant(cluster: string, name: string): Promise<IsolationReport> {
    const body = await this.request<IsolationReport>(
      `${tenantPath(cluster, name)}/verify`,
      { method: 'POST' },
    );
    return body!;
  }

  async getTenantKubeconfig(cluster: string, name: string): Promise<string> {
    const response = await this.send(`${tenantPath(cluster, name)}/kubeconfig`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async checkTenantGuardrails(
    request: TenantRequest,
  ): Promise<TenantGuardrailsReport & TenantGuardrailsCostEstimate> {
    const body = await this.request<
      TenantGuardrailsReport & TenantGuardrailsCostEstimate
    >('/tenants/guardrails', { method: 'POST', body: request });
    return body!;
  }

  async listFederatedApps(
    options: { owner?: string } = {},
  ): Promise<StoredFederatedApp[]> {
    const query = options.owner
      ? `?owner=${encodeURIComponent(options.owner)}`
      : '';
    const body = await this.request<{ items: StoredFederatedApp[] }>(
      `/federated-apps${query}`,
    );
    return body!.items;
  }

  async getFederatedApp(
    namespace: string,
    name: string,
  ): Promise<FederatedAppDetails | undefined> {
    return this.request<FederatedAppDetails>(
      federatedAppPath(namespace, name),
      { allowNotFound: true },
    );
  }

  async updateFederatedAppReplicas(
    namespace: string,
    name: string,
    change: FederatedReplicasChange,
  ): Promise<FederatedAppChangeResult> {
    const body = await this.request<FederatedAppChangeResult>(
      `${federatedAppPath(namespace, name)}/replicas`,
      { method: 'PATCH', body: change },
    );
    return body!;
  }

  async migrateFederatedApp(
    namespace: string,
    name: string,
    move: { from: string; to: string },
  ): Promise<FederatedAppChangeResult> {
    const body = await this.request<FederatedAppChangeResult>(
      `${federatedAppPath(namespace, name)}/migrate`,
      { method: 'POST', body: move },
    );
    return body!;
  }

  async planFederatedApp(
    app: FederatedAppPlanRequest,
  ): Promise<FederatedAppPlanPreview> {
    const body = await this.request<FederatedAppPlanPreview>(
      `${federatedAppPath(app.namespace, app.name)}/plan`,
      { method: 'POST', body: app },
    );
    return body!;
  }

  async getEntityCost(
    entityRef: CompoundEntityRef,
    query: EntityCostQuery,
  ): Promise<EntityCostResponse> {
    const body = await this.request<EntityCostResponse>(
      `${entityCostPath(entityRef)}${entityCostSearch(query)}`,
    );
    return body!;
  }

  async downloadEntityCostCsv(
    entityRef: CompoundEntityRef,
    query: EntityCostQuery,
  ): Promise<CostCsvFile> {
    const response = await this.send(
      `${entityCostPath(entityRef)}${entityCostSearch(query, 'csv')}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return {
      // Cross-origin, the header is readable only when the backend's CORS exposes it.
      fileName: fileNameOf(
        response.headers.get('content-disposition'),
        costCsvFileName(entityRef, query),
      ),
      content: await response.blob(),
    };
  }

  async getClusterCost(
    name: string,
    window: { from?: string; to?: string } = {},
  ): Promise<ClusterCostResponse> {
    const params = new URLSearchParams();
    if (window.from) params.set('from', window.from);
    if (window.to) params.set('to', window.to);
    const search = params.toString() ? `?${params.toString()}` : '';
    const body = await this.request<ClusterCostResponse>(
      `/clusters/${encodeURIComponent(name)}/cost${search}`,
    );
    return body!;
  }

  private async send(
    path: string,
    options: Pick<RequestOptions, 'method' | 'body'> = {},
  ): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kube-platform');
    const init: RequestInit = { method: options.method ?? 'GET' };
    if (options.body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    return this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async request<T>(
    path: string,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    const response = await this.send(path, options);
    if (options.allowNotFound && response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function tenantPath(cluster: string, name: string): string {
  return `/tenants/${encodeURIComponent(cluster)}/${encodeURIComponent(name)}`;
}

function federatedAppPath(namespace: string, name: string): string {
  return `/federated-apps/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
}

import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { TenantSummary } from '@kube-platform/plugin-kube-platform-common';
import { renderTenantEntity } from './tenantEntities';

/**
 * Emits one `kubernetes-namespace` Resource entity per tenant the kube-platform
 * backend knows, with a full mutation so a deleted tenant leaves the catalog.
 */
export class KubePlatformTenantProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'kube-platform-tenants';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Replaces every entity this provider owns with the tenants the backend lists.
   * Refreshes run one after another, so a late one never overwrites a newer one.
   */
  refresh(): Promise<void> {
    const next = this.running
      .catch(() => undefined)
      .then(() => this.refreshNow());
    this.running = next;
    return next;
  }

  private async refreshNow(): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const tenants = await this.listTenants();
    const entities = tenants.map(tenant =>
      renderTenantEntity(tenant, this.getProviderName()),
    );
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `kube-platform:${this.getProviderName()}`,
      })),
    });
    this.deps.logger.info('Emitted tenant entities', {
      count: entities.length,
    });
  }

  private async listTenants(): Promise<TenantSummary[]> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kube-platform',
    });
    const response = await fetch(
      `${await discovery.getBaseUrl('kube-platform')}/tenants`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { items: TenantSummary[] };
    return body.items;
  }
}

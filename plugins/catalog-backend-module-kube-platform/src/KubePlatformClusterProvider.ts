import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import { renderClusterEntity } from './clusterEntities';

/**
 * Emits one `Resource` entity per registered cluster with a full mutation, so a
 * cluster removed from configuration also leaves the catalog.
 */
export class KubePlatformClusterProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly deps: {
      clusterRegistry: ClusterRegistry;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'kube-platform-clusters';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Replaces every entity this provider owns with the current cluster set. */
  async refresh(): Promise<void> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { clusterRegistry } = this.deps;
    const entities = clusterRegistry.listClusters().map(cluster => {
      const caData = clusterRegistry.getKubeConfig(cluster.name).getCluster(cluster.name)?.caData;
      return renderClusterEntity({ ...cluster, caData }, this.getProviderName());
    });
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `kube-platform:${this.getProviderName()}`,
      })),
    });
    this.deps.logger.info('Emitted cluster entities', { count: entities.length });
  }
}

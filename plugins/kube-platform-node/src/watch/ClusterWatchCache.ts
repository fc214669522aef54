import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterCacheStatus } from '@kube-platform/plugin-kube-platform-common';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { Reflector } from './Reflector';
import {
  type CachedNamespace,
  type CachedNode,
  type CachedResourceQuota,
  trimNamespace,
  trimNode,
  trimResourceQuota,
} from './trim';

/** Namespaces, ResourceQuotas and Nodes of one cluster, kept current by watches. */
export class ClusterWatchCache {
  readonly namespaces: Reflector<any, CachedNamespace>;
  readonly resourceQuotas: Reflector<any, CachedResourceQuota>;
  readonly nodes: Reflector<any, CachedNode>;

  constructor(kubeConfig: KubeConfig, logger: LoggerService) {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    this.namespaces = new Reflector(
      kubeConfig,
      {
        path: '/api/v1/namespaces',
        list: async () => {
          const list = await core.listNamespace();
          return {
            items: list.items,
            resourceVersion: list.metadata?.resourceVersion,
          };
        },
        trim: trimNamespace,
      },
      logger,
    );
    this.resourceQuotas = new Reflector(
      kubeConfig,
      {
        path: '/api/v1/resourcequotas',
        list: async () => {
          const list = await core.listResourceQuotaForAllNamespaces();
          return {
            items: list.items,
            resourceVersion: list.metadata?.resourceVersion,
          };
        },
        trim: trimResourceQuota,
      },
      logger,
    );
    this.nodes = new Reflector(
      kubeConfig,
      {
        path: '/api/v1/nodes',
        list: async () => {
          const list = await core.listNode();
          return {
            items: list.items,
            resourceVersion: list.metadata?.resourceVersion,
          };
        },
        trim: trimNode,
      },
      logger,
    );
  }

  /** Starts all watches; resolves once each made its first list attempt. */
  async start(): Promise<void> {
    await Promise.all([
      this.namespaces.start(),
      this.resourceQuotas.start(),
      this.nodes.start(),
    ]);
  }

  stop(): void {
    this.namespaces.stop();
    this.resourceQuotas.stop();
    this.nodes.stop();
  }

  /** Freshness of each watched kind. */
  status(): ClusterCacheStatus {
    const resources = {
      namespaces: this.namespaces.status(),
      resourcequotas: this.resourceQuotas.status(),
      nodes: this.nodes.status(),
    };
    return {
      synced: Object.values(resources).every(r => r.synced),
      resources,
    };
  }
}

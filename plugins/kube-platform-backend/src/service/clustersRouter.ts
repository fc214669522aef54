import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kubePlatformClusterReadPermission } from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type express from 'express';
import Router from 'express-promise-router';
import { buildClusterStatus } from './clusterStatus';

/** Dependencies of the cluster inventory routes. */
export interface ClustersRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusterRegistry: ClusterRegistry;
  clusterHealth: ClusterHealthMonitor;
  clusterCache: ClusterCacheService;
}

/** `GET /clusters` and `GET /clusters/:name`, served from health state and watch caches. */
export function createClustersRouter(
  options: ClustersRouterOptions,
): express.Router {
  const {
    httpAuth,
    permissions,
    clusterRegistry,
    clusterHealth,
    clusterCache,
  } = options;
  const statusDeps = { clusterHealth, clusterCache };
  const router = Router();

  async function authorizeClusterRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: kubePlatformClusterReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read the cluster inventory');
    }
  }

  router.get('/clusters', async (req, res) => {
    await authorizeClusterRead(req);
    res.json({
      items: clusterRegistry
        .listClusters()
        .map(c => buildClusterStatus(c, statusDeps)),
    });
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorizeClusterRead(req);
    res.json(
      buildClusterStatus(
        clusterRegistry.getCluster(req.params.name),
        statusDeps,
      ),
    );
  });

  return router;
}

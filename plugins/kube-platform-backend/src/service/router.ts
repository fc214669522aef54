import type {
  HttpAuthService,
  LoggerService,
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
import express from 'express';
import Router from 'express-promise-router';
import { buildClusterStatus } from './clusterStatus';

/** What the REST API needs; narrow so tests can supply just these. */
export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusterRegistry: ClusterRegistry;
  clusterHealth: ClusterHealthMonitor;
  clusterCache: ClusterCacheService;
}

/** Builds the `/api/kube-platform` router. Errors are formatted by the backend's error middleware. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, clusterRegistry, clusterHealth, clusterCache } = options;
  const statusDeps = { clusterHealth, clusterCache };
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  async function authorizeClusterRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
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
      items: clusterRegistry.listClusters().map(c => buildClusterStatus(c, statusDeps)),
    });
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorizeClusterRead(req);
    res.json(buildClusterStatus(clusterRegistry.getCluster(req.params.name), statusDeps));
  });

  return router;
}

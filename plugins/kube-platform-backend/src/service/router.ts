import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { createCostRouter, type CostRouterOptions } from '../cost/costRouter';
import {
  createClustersRouter,
  type ClustersRouterOptions,
} from './clustersRouter';
import {
  createFederationRouter,
  type FederationRouterOptions,
} from '../federation/federationRouter';
import {
  createTenantRequestsRouter,
  type TenantRequestsRouterOptions,
} from './tenantRequestsRouter';
import {
  createTenantsRouter,
  type TenantsRouterOptions,
} from './tenantsRouter';

/** Everything the REST API needs. */
export type RouterOptions = ClustersRouterOptions &
  TenantsRouterOptions &
  TenantRequestsRouterOptions &
  FederationRouterOptions &
  CostRouterOptions;

/** Builds the `/api/kube-platform` router. Errors are formatted by the backend's error middleware. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  // Body-parser failures are bad input: a 400 like every other, not a bare 413/500.
  router.use(
    (
      error: any,
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error?.type === 'entity.too.large') {
        next(
          new InputError(`Request body is larger than ${error.limit} bytes`),
        );
      } else if (error?.type === 'entity.parse.failed') {
        next(
          new InputError(`Request body is not valid JSON: ${error.message}`),
        );
      } else {
        next(error);
      }
    },
  );

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(createCostRouter(options));
  router.use(createClustersRouter(options));
  router.use(createTenantRequestsRouter(options));
  router.use(createTenantsRouter(options));
  router.use(createFederationRouter(options));
  return router;
}

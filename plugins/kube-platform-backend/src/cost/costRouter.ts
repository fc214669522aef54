import type express from 'express';
import Router from 'express-promise-router';
import type { CostRouterOptions } from './costRouteContext';
import { getClusterCost } from './getClusterCost';
import { getEntityCost } from './getEntityCost';

export type { CostRouterOptions } from './costRouteContext';

/** Cost routes, mounted inside the plugin router. */
export function createCostRouter(options: CostRouterOptions): express.Router {
  const router = Router();
  router.get('/entities/:kind/:namespace/:name/cost', getEntityCost(options));
  router.get('/clusters/:name/cost', getClusterCost(options));
  return router;
}

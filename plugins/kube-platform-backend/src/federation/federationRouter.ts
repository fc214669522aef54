import type express from 'express';
import Router from 'express-promise-router';
import {
  migrateFederatedAppRoute,
  scaleFederatedApp,
} from './changeFederatedAppRoutes';
import { deleteFederatedApp } from './deleteFederatedAppRoute';
import { deployFederatedApp } from './deployFederatedAppRoute';
import type { FederationRouterOptions } from './federatedAppRouteContext';
import { planFederatedApp } from './planFederatedAppRoute';
import { listFederatedApps, readFederatedApp } from './readFederatedAppRoutes';

export type { FederationRouterOptions } from './federatedAppRouteContext';

/** The `/federated-apps` routes; one handler per route. */
export function createFederationRouter(
  options: FederationRouterOptions,
): express.Router {
  const router = Router();
  const app = '/federated-apps/:namespace/:name';
  router.post('/federated-apps', deployFederatedApp(options));
  router.get('/federated-apps', listFederatedApps(options));
  router.get(app, readFederatedApp(options));
  router.delete(app, deleteFederatedApp(options));
  router.post(`${app}/plan`, planFederatedApp(options));
  router.post(`${app}/migrate`, migrateFederatedAppRoute(options));
  router.patch(`${app}/replicas`, scaleFederatedApp(options));
  return router;
}

import type express from 'express';
import Router from 'express-promise-router';
import {
  changeQuota,
  deleteTenant,
  downloadKubeconfig,
  repairTenant,
} from './tenantChangeRoutes';
import {
  getEntityQuota,
  getTenant,
  getTenantHistory,
  listTenants,
  verifyTenant,
} from './tenantReadRoutes';
import type { TenantsRouterOptions } from './tenantRouteContext';

export type { TenantsRouterOptions } from './tenantRouteContext';

/** Routes for tenants and per-entity quota, mounted inside the plugin router. */
export function createTenantsRouter(
  options: TenantsRouterOptions,
): express.Router {
  const router = Router();
  router.get('/tenants', listTenants(options));
  router.get('/tenants/:cluster/:name', getTenant(options));
  router.get('/tenants/:cluster/:name/operations', getTenantHistory(options));
  router.post('/tenants/:cluster/:name/verify', verifyTenant(options));
  router.get('/tenants/:cluster/:name/kubeconfig', downloadKubeconfig(options));
  router.patch('/tenants/:cluster/:name/quota', changeQuota(options));
  router.post('/tenants/:cluster/:name/repair', repairTenant(options));
  router.delete('/tenants/:cluster/:name', deleteTenant(options));
  router.get('/entities/:kind/:namespace/:name/quota', getEntityQuota(options));
  return router;
}

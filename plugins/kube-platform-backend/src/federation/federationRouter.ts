import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  federatedAppSchema,
  kubePlatformFederationCreatePermission,
  kubePlatformFederationDeletePermission,
  kubePlatformFederationReadPermission,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import Router from 'express-promise-router';
import { actorOf } from '../service/tenantAccess';
import { respondWithRun } from '../service/respondWithRun';
import { parseInput } from '../service/validation';
import type { FederatedAppAccess } from './federatedAppAccess';
import type { DeployOptions, FederationService } from './FederationService';

/** Dependencies of the federated-app routes. */
export interface FederationRouterOptions {
  httpAuth: HttpAuthService;
  federation: FederationService;
  federationAccess: FederatedAppAccess;
}

/**
 * `POST /federated-apps` (deploy; `?dryRun`, `?stream`, `?allowPartial`),
 * `GET /federated-apps?owner=`, `GET` and `DELETE /federated-apps/:namespace/:name`.
 */
export function createFederationRouter(
  options: FederationRouterOptions,
): express.Router {
  const { httpAuth, federation, federationAccess } = options;
  const router = Router();

  router.post('/federated-apps', async (req, res) => {
    // Only users: a service-only call would bypass the owner rule.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const app = parseInput(federatedAppSchema, req.body, 'federated app');
    await federationAccess.authorize(
      credentials,
      kubePlatformFederationCreatePermission,
      { namespace: app.namespace, name: app.name, owner: app.owner },
    );
    const deployOptions: DeployOptions = {
      dryRun: req.query.dryRun === 'true',
      allowPartial: req.query.allowPartial === 'true',
    };
    await respondWithRun(res, req.query.stream === 'true', onProgress =>
      federation.deploy(app, actorOf(credentials), {
        ...deployOptions,
        onProgress,
      }),
    );
  });

  router.get('/federated-apps', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const owner =
      typeof req.query.owner === 'string' ? req.query.owner : undefined;
    const list = await federation.list({ owners: owner ? [owner] : undefined });
    res.json({ items: await federationAccess.visible(credentials, list) });
  });

  router.get('/federated-apps/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const app = await federation.require(req.params.namespace, req.params.name);
    await federationAccess.authorize(
      credentials,
      kubePlatformFederationReadPermission,
      app,
    );
    res.json(await federation.details(app));
  });

  router.delete('/federated-apps/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const app = await federation.require(req.params.namespace, req.params.name);
    await federationAccess.authorize(
      credentials,
      kubePlatformFederationDeletePermission,
      app,
    );
    res.json(await federation.delete(app, actorOf(credentials)));
  });

  return router;
}

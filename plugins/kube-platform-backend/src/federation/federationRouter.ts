import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  federatedAppSchema,
  kubePlatformFederationCreatePermission,
  kubePlatformFederationDeletePermission,
  kubePlatformFederationReadPermission,
} from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import Router from 'express-promise-router';
import { TenantProvisioningError } from '../engine/recordedRun';
import { actorOf } from '../service/tenantAccess';
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
    const actor = actorOf(credentials);
    if (req.query.stream === 'true') {
      res.status(200).type('application/x-ndjson');
      try {
        const result = await federation.deploy(app, actor, {
          ...deployOptions,
          onProgress: object =>
            res.write(`${JSON.stringify({ type: 'object', object })}\n`),
        });
        res.end(`${JSON.stringify({ type: 'result', result })}\n`);
      } catch (error) {
        const e = error as Error;
        res.end(
          `${JSON.stringify({
            type: 'error',
            error: { name: e.name, message: e.message },
            operation:
              error instanceof TenantProvisioningError
                ? error.operation
                : undefined,
          })}\n`,
        );
      }
      return;
    }
    try {
      const result = await federation.deploy(app, actor, deployOptions);
      const changed =
        result.result === 'created' || result.result === 'updated';
      res.status(changed ? 201 : 200).json(result);
    } catch (error) {
      if (error instanceof TenantProvisioningError) {
        res.status(502).json({
          error: { name: error.name, message: error.message },
          operation: error.operation,
        });
        return;
      }
      throw error;
    }
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

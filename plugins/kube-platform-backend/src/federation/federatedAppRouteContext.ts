import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE } from '@kube-platform/plugin-kube-platform-common';
import type express from 'express';
import { actorOf } from '../service/tenantAccess';
import type { FederatedAppAccess } from './federatedAppAccess';
import type { FederationService } from './FederationService';

/** Dependencies of the federated-app routes. */
export interface FederationRouterOptions {
  httpAuth: HttpAuthService;
  federation: FederationService;
  federationAccess: FederatedAppAccess;
}

/** A route handler. */
export type Handler = (
  req: express.Request,
  res: express.Response,
) => Promise<void>;

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Every per-app route starts the same way: credentials, then the app named
 * in the path (404), then the permission on it (403).
 */
export async function authorizedFederatedApp(
  options: FederationRouterOptions,
  req: express.Request,
  permission: ResourcePermission<
    typeof KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE
  >,
  allow: Array<'user' | 'service'> = ['user'],
) {
  const credentials = await options.httpAuth.credentials(req, { allow });
  const { namespace, name } = req.params;
  if (!NAME.test(namespace) || !NAME.test(name)) {
    throw new NotFoundError(
      `No federated app '${name}' in namespace '${namespace}'`,
    );
  }
  const app = await options.federation.require(namespace, name);
  await options.federationAccess.authorize(credentials, permission, app);
  return { credentials, app, actor: actorOf(credentials) };
}

/** `?stream=true`: NDJSON progress. */
export function wantsStream(req: express.Request): boolean {
  return req.query.stream === 'true';
}

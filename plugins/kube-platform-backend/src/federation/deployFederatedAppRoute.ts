import {
  federatedAppSchema,
  kubePlatformFederationCreatePermission,
} from '@kube-platform/plugin-kube-platform-common';
import { respondWithRun } from '../service/respondWithRun';
import { actorOf } from '../service/tenantAccess';
import { parseInput } from '../service/validation';
import {
  type FederationRouterOptions,
  type Handler,
  wantsStream,
} from './federatedAppRouteContext';

/** `POST /federated-apps`: create or update an app everywhere it is placed (`?dryRun`, `?stream`, `?allowPartial`). */
export function deployFederatedApp(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    // Only users: a service-only call would bypass the owner rule.
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const app = parseInput(federatedAppSchema, req.body, 'federated app');
    await options.federationAccess.authorize(
      credentials,
      kubePlatformFederationCreatePermission,
      { namespace: app.namespace, name: app.name, owner: app.owner },
    );
    await respondWithRun(res, wantsStream(req), onProgress =>
      options.federation.deploy(app, actorOf(credentials), {
        dryRun: req.query.dryRun === 'true',
        allowPartial: req.query.allowPartial === 'true',
        onProgress,
      }),
    );
  };
}

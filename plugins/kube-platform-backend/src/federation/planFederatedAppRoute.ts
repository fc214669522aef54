import { InputError } from '@backstage/errors';
import {
  federatedAppSchema,
  kubePlatformFederationCreatePermission,
  kubePlatformFederationUpdatePermission,
} from '@kube-platform/plugin-kube-platform-common';
import { parseInput } from '../service/validation';
import {
  type FederationRouterOptions,
  type Handler,
} from './federatedAppRouteContext';

/**
 * `POST /federated-apps/:namespace/:name/plan`: what a deploy of the body
 * would do now; applies and records nothing. `update` on an existing app,
 * `create` for a new one.
 */
export function planFederatedApp(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const app = parseInput(federatedAppSchema, req.body, 'federated app');
    for (const field of ['namespace', 'name'] as const) {
      if (app[field] !== req.params[field]) {
        throw new InputError(
          `Invalid federated app: ${field}: must be '${req.params[field]}' as in the path`,
        );
      }
    }
    const stored = await options.federation.find(app.namespace, app.name);
    await options.federationAccess.authorize(
      credentials,
      stored
        ? kubePlatformFederationUpdatePermission
        : kubePlatformFederationCreatePermission,
      stored ?? { namespace: app.namespace, name: app.name, owner: app.owner },
    );
    res.json(await options.federation.whatIf(app, stored));
  };
}

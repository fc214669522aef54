import {
  federatedAppMigrateRequestSchema,
  federatedAppReplicasPatchSchema,
  kubePlatformFederationUpdatePermission,
} from '@kube-platform/plugin-kube-platform-common';
import { respondWithRun } from '../service/respondWithRun';
import { parseInput } from '../service/validation';
import { withReplicas } from './changeFederatedAppSpec';
import {
  authorizedFederatedApp,
  type FederationRouterOptions,
  type Handler,
  wantsStream,
} from './federatedAppRouteContext';
import { migrateFederatedApp } from './migrateFederatedApp';

/** `PATCH /federated-apps/:namespace/:name/replicas`: a new total and/or preferences, deployed (`scale`). */
export function scaleFederatedApp(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    const { app, actor } = await authorizedFederatedApp(
      options,
      req,
      kubePlatformFederationUpdatePermission,
    );
    const patch = parseInput(
      federatedAppReplicasPatchSchema,
      req.body,
      'replicas change',
    );
    // Fails early on a change that could never be valid, before the lock.
    withReplicas(app.spec, patch);
    await respondWithRun(res, wantsStream(req), onProgress =>
      options.federation.change(
        app.namespace,
        app.name,
        actor,
        stored => withReplicas(stored.spec, patch),
        { action: 'scale', onProgress },
      ),
    );
  };
}

/** `POST /federated-apps/:namespace/:name/migrate`: move `from`'s replicas to `to` with surge (`migrate`). */
export function migrateFederatedAppRoute(
  options: FederationRouterOptions,
): Handler {
  return async (req, res) => {
    const { app, actor } = await authorizedFederatedApp(
      options,
      req,
      kubePlatformFederationUpdatePermission,
    );
    const body = parseInput(
      federatedAppMigrateRequestSchema,
      req.body,
      'migration',
    );
    await respondWithRun(res, wantsStream(req), onProgress =>
      migrateFederatedApp(
        options.federation,
        app.namespace,
        app.name,
        { ...body, actor },
        { onProgress },
      ),
    );
  };
}

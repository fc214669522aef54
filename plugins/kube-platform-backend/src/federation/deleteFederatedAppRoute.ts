import { kubePlatformFederationDeletePermission } from '@kube-platform/plugin-kube-platform-common';
import {
  authorizedFederatedApp,
  type FederationRouterOptions,
  type Handler,
} from './federatedAppRouteContext';

/** `DELETE /federated-apps/:namespace/:name`: removes the app from every cluster and forgets it. */
export function deleteFederatedApp(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    const { app, actor } = await authorizedFederatedApp(
      options,
      req,
      kubePlatformFederationDeletePermission,
    );
    res.json(await options.federation.delete(app, actor));
  };
}

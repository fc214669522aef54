import { kubePlatformFederationReadPermission } from '@kube-platform/plugin-kube-platform-common';
import {
  authorizedFederatedApp,
  type FederationRouterOptions,
  type Handler,
} from './federatedAppRouteContext';

/** `GET /federated-apps?owner=`: the apps the caller may read. */
export function listFederatedApps(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const owner =
      typeof req.query.owner === 'string' ? req.query.owner : undefined;
    const list = await options.federation.list({
      owners: owner ? [owner] : undefined,
    });
    res.json({
      items: await options.federationAccess.visible(credentials, list),
    });
  };
}

/** `GET /federated-apps/:namespace/:name`: spec, failover state, plan, per-cluster status, operations. */
export function readFederatedApp(options: FederationRouterOptions): Handler {
  return async (req, res) => {
    const { app } = await authorizedFederatedApp(
      options,
      req,
      kubePlatformFederationReadPermission,
      ['user', 'service'],
    );
    res.json(await options.federation.details(app));
  };
}

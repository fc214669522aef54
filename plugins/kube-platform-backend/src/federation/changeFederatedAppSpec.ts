import { InputError } from '@backstage/errors';
import {
  type FederatedApp,
  federatedAppSchema,
  type FederatedAppReplicasPatch,
} from '@kube-platform/plugin-kube-platform-common';
import { parseInput } from '../service/validation';

/**
 * The app with a change of replicas: a new total and/or preferences merged
 * field by field into `replicaScheduling.clusters`. An app without
 * replicaScheduling gets one (`{"*": {weight: 1}}`, intersected with the
 * placement so the app stays where it is placed), which needs a total.
 * The result is validated as a whole app (400 naming the field).
 */
export function withReplicas(
  app: FederatedApp,
  patch: FederatedAppReplicasPatch,
): FederatedApp {
  const rsp = app.replicaScheduling;
  if (!rsp && patch.totalReplicas === undefined) {
    throw new InputError(
      'Invalid replicas change: totalReplicas: required, the app has no replicaScheduling yet',
    );
  }
  const clusters = { ...(rsp?.clusters ?? { '*': { weight: 1 } }) };
  for (const [name, preference] of Object.entries(patch.clusters ?? {})) {
    clusters[name] = { ...clusters[name], ...preference };
  }
  return parseInput(
    federatedAppSchema,
    {
      ...app,
      replicaScheduling: {
        rebalance: false,
        // KubeFed: preferences without intersection would override the placement ("*": every cluster).
        intersectWithClusterSelector: true,
        ...rsp,
        totalReplicas: patch.totalReplicas ?? rsp!.totalReplicas,
        clusters,
      },
    },
    'replicas change',
  );
}

/**
 * The app moved from one placed cluster to another: `from` replaced by `to`
 * in `placement.clusters`, and its replica preference and overrides moved
 * with it (the app runs on `to` as it ran on `from`). An app placed by
 * clusterSelector is refused (400 naming placement): change the selector.
 */
export function withMigration(
  app: FederatedApp,
  from: string,
  to: string,
): FederatedApp {
  const placed = app.placement.clusters;
  if (!placed) {
    throw new InputError(
      'Invalid migration: placement: the app is placed by clusterSelector; change the selector or the cluster labels instead',
    );
  }
  if (!placed.some(c => c.name === from)) {
    throw new InputError(
      `Invalid migration: from: '${from}' is not in placement.clusters`,
    );
  }
  if (placed.some(c => c.name === to)) {
    throw new InputError(`Invalid migration: to: '${to}' is already placed`);
  }
  const rename = (name: string) => (name === from ? to : name);
  const rsp = app.replicaScheduling;
  return {
    ...app,
    placement: { clusters: placed.map(c => ({ name: rename(c.name) })) },
    overrides: app.overrides
      .filter(o => o.clusterName !== to)
      .map(o => ({ ...o, clusterName: rename(o.clusterName) })),
    ...(rsp
      ? {
          replicaScheduling: {
            ...rsp,
            clusters: Object.fromEntries(
              Object.entries(rsp.clusters)
                .filter(([name]) => name !== to)
                .map(([name, pref]) => [rename(name), pref]),
            ),
          },
        }
      : {}),
  };
}

import type {
  KubernetesManifest,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import { inspectObjects } from '@kube-platform/plugin-kube-platform-node';
import type { ObjectResult } from '../database/OperationStore';
import {
  prepareFederatedDeploy,
  type PrepareDeps,
} from './prepareFederatedDeploy';
import { tenantAdminIdentity } from './tenantAdminIdentity';

/**
 * Objects of the app that are missing, or whose values of ours differ from
 * what a deploy would render now (replicas, image, ...), on the clusters it
 * runs on or is held at 0 on; read as the tenant's admin with the engine's
 * inspection, as tenant drift is. Fields other managers only added are not
 * drift here: the app's objects are not a security boundary.
 */
export async function findFederatedAppDrift(
  deps: PrepareDeps,
  app: StoredFederatedApp,
): Promise<ObjectResult[]> {
  const { rendered } = await prepareFederatedDeploy(
    deps,
    app.spec,
    app.failover,
    'throw',
  );
  const found = await Promise.all(
    rendered.map(async ({ cluster, objects }) => {
      const applier = deps.engine.applierFor(
        cluster,
        await tenantAdminIdentity(deps, cluster, app.namespace),
      );
      const statuses = await inspectObjects(
        applier,
        objects as KubernetesManifest[],
      );
      return statuses.flatMap((s): ObjectResult[] => {
        const ours = (s.drift ?? []).filter(d => !d.includes('(set by '));
        if (s.state === 'missing') {
          return [
            {
              cluster,
              kind: s.kind,
              name: s.name,
              namespace: s.namespace,
              outcome: 'missing' as const,
            },
          ];
        }
        if (ours.length === 0) return [];
        return [
          {
            cluster,
            kind: s.kind,
            name: s.name,
            namespace: s.namespace,
            outcome: 'drifted' as const,
            message: ours.join('; '),
          },
        ];
      });
    }),
  );
  return found.flat();
}

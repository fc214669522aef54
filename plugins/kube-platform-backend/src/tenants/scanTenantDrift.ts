import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterHealthMonitor } from '@kube-platform/plugin-kube-platform-node';
import type { ObjectResult, OperationStore } from '../database/OperationStore';
import type { StoredTenant, TenantStore } from '../database/TenantStore';
import type { TenantProvisioner } from './TenantProvisioner';

/** The action drift scans are recorded under in a tenant's history. */
export const DRIFT_SCAN_ACTION = 'drift-detected';

const SCANNER = 'plugin:kube-platform';

/** What one tenant's scan found, as operation results. */
async function driftOf(
  provisioner: TenantProvisioner,
  tenant: StoredTenant,
): Promise<ObjectResult[]> {
  const statuses = await provisioner.inspect(tenant);
  return statuses
    .filter(s => s.state !== 'present')
    .map(s => ({
      cluster: tenant.cluster,
      kind: s.kind,
      name: s.name,
      namespace: s.namespace,
      outcome:
        s.state === 'missing' ? ('missing' as const) : ('drifted' as const),
      message: s.drift?.join('; '),
    }));
}

/**
 * Compares every tenant on a Ready cluster with what was applied, and records
 * drift in the tenant's history when it differs from what the last scan
 * recorded, so a drifted tenant leaves one record, not one per scan. A
 * `repair` puts it back.
 */
export async function scanTenantDrift(deps: {
  tenants: TenantStore;
  provisioner: TenantProvisioner;
  operations: OperationStore;
  clusterHealth: Pick<ClusterHealthMonitor, 'getHealth'>;
  logger: LoggerService;
}): Promise<void> {
  for (const tenant of await deps.tenants.list()) {
    if (deps.clusterHealth.getHealth(tenant.cluster)?.status !== 'Ready')
      continue;
    try {
      const drift = await driftOf(deps.provisioner, tenant);
      const last = (
        await deps.provisioner.history(tenant.cluster, tenant.name)
      ).find(o => o.action === DRIFT_SCAN_ACTION || o.status !== 'rejected');
      const recorded =
        last?.action === DRIFT_SCAN_ACTION
          ? JSON.stringify(last.results)
          : '[]';
      if (drift.length === 0 || JSON.stringify(drift) === recorded) continue;
      const operation = await deps.operations.start({
        kind: 'tenant',
        action: DRIFT_SCAN_ACTION,
        cluster: tenant.cluster,
        target: tenant.name,
        actor: SCANNER,
        spec: {},
      });
      await deps.operations.update(operation.id, {
        status: 'succeeded',
        results: drift,
      });
      deps.logger.warn('Tenant drift detected', {
        cluster: tenant.cluster,
        tenant: tenant.name,
        objects: drift.map(d => `${d.kind}/${d.name}`).join(','),
      });
    } catch (error) {
      deps.logger.warn('Drift scan of a tenant failed', {
        cluster: tenant.cluster,
        tenant: tenant.name,
        error: (error as Error).message,
      });
    }
  }
}

import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EntityCostQuery } from '../../api/costTypes';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { usePolledAsync } from '../shared/usePolledAsync';

/** An entity's cost for a query, reloaded every `refreshIntervalMs` (never when 0). */
export function useEntityCost(
  entity: Entity,
  query: EntityCostQuery,
  refreshIntervalMs: number,
) {
  const api = useApi(kubePlatformApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return usePolledAsync(
    async () => api.getEntityCost({ kind, namespace, name }, query),
    // Callers memoize `query`: its window starts when chosen, and polls keep it.
    [api, kind, namespace, name, query],
    refreshIntervalMs,
  );
}

/** True when the backend refused the cost read (403). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ResponseError && error.response.status === 403;
}

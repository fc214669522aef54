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
  const { from, step, groupBy, includeChildren } = query;
  return usePolledAsync(
    async () => api.getEntityCost({ kind, namespace, name }, query),
    // `from` moves with the clock only when the window changes: polls keep it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, kind, namespace, name, from, step, groupBy, includeChildren],
    refreshIntervalMs,
  );
}

/** True when the backend refused the cost read (403). */
export function isForbidden(error: unknown): boolean {
  return error instanceof ResponseError && error.response.status === 403;
}

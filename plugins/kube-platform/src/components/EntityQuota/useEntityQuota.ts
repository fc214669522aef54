import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { usePolledAsync } from '../shared/usePolledAsync';

/** Quota usage of an entity's namespaces, reloaded every `refreshIntervalMs` (never when 0). */
export function useEntityQuota(entity: Entity, refreshIntervalMs: number) {
  const api = useApi(kubePlatformApiRef);
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return usePolledAsync(
    () => api.getEntityQuota({ kind, namespace, name }),
    [api, kind, namespace, name],
    refreshIntervalMs,
  );
}

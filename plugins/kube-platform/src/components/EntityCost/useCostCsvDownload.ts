import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import type { EntityCostQuery } from '../../api/costTypes';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';

/** Saves a blob under a name through a temporary link. */
function saveFile(name: string, content: Blob) {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Downloads the entity's cost for a query as CSV, with the user's credentials; failures go to the alert API. */
export function useCostCsvDownload(entity: Entity, query: EntityCostQuery) {
  const api = useApi(kubePlatformApiRef);
  const alertApi = useApi(alertApiRef);
  const [downloading, setDownloading] = useState(false);
  const download = useCallback(async () => {
    setDownloading(true);
    try {
      const file = await api.downloadEntityCostCsv(
        getCompoundEntityRef(entity),
        query,
      );
      saveFile(file.fileName, file.content);
    } catch (error) {
      alertApi.post({
        message: `Could not download the cost CSV: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setDownloading(false);
    }
  }, [api, alertApi, entity, query]);
  return { download, downloading };
}

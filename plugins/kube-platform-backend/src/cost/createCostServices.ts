import type {
  DatabaseService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CostStore } from './CostStore';
import { type CostSettings, readCostSettings } from './readCostSettings';

/** Cost history and how it is sampled, priced and kept. */
export interface CostServices {
  costStore: CostStore;
  costSettings: CostSettings;
}

/** Reads `kubePlatform.cost` and opens the cost history. */
export async function createCostServices(deps: {
  config: RootConfigService;
  database: DatabaseService;
}): Promise<CostServices> {
  return {
    costSettings: readCostSettings(deps.config),
    costStore: await CostStore.create({ database: deps.database }),
  };
}

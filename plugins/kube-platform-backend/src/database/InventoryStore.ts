import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  EngineOwner,
  InventoryStore,
  ObjectRef,
} from '@kube-platform/plugin-kube-platform-node';
import type { Knex } from 'knex';
import { migrateKubePlatformDatabase } from './migrate';

const TABLE = 'kube_platform_inventory';

type InventoryRow = {
  owner_kind: string;
  owner_id: string;
  cluster: string;
  objects: string;
  updated_at: Date;
};

/** The engine's inventory in the plugin's database: one row per owner and cluster. */
export class DatabaseInventoryStore implements InventoryStore {
  /** Migrates the database (unless skipped) and returns the store. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseInventoryStore> {
    return new DatabaseInventoryStore(
      await migrateKubePlatformDatabase(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  private key(owner: EngineOwner, cluster: string) {
    return { owner_kind: owner.kind, owner_id: owner.id, cluster };
  }

  async get(
    owner: EngineOwner,
    cluster: string,
  ): Promise<ObjectRef[] | undefined> {
    const row = await this.db<InventoryRow>(TABLE)
      .where(this.key(owner, cluster))
      .first();
    return row ? (JSON.parse(row.objects) as ObjectRef[]) : undefined;
  }

  async set(
    owner: EngineOwner,
    cluster: string,
    objects: ObjectRef[],
  ): Promise<void> {
    await this.db<InventoryRow>(TABLE)
      .insert({
        ...this.key(owner, cluster),
        objects: JSON.stringify(objects),
        updated_at: new Date(),
      })
      .onConflict(['owner_kind', 'owner_id', 'cluster'])
      .merge(['objects', 'updated_at']);
  }

  async delete(owner: EngineOwner, cluster: string): Promise<void> {
    await this.db<InventoryRow>(TABLE).where(this.key(owner, cluster)).delete();
  }
}

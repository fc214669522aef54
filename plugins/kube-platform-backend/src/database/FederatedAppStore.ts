import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  FederatedApp,
  FederatedAppFailover,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import type { Knex } from 'knex';
import { migrateKubePlatformDatabase } from './migrate';

const TABLE = 'kube_platform_federated_apps';

type FederatedAppRow = {
  namespace: string;
  name: string;
  owner: string;
  spec: string;
  failover?: string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

function fromRow(row: FederatedAppRow): StoredFederatedApp {
  return {
    namespace: row.namespace,
    name: row.name,
    owner: row.owner,
    spec: JSON.parse(row.spec),
    failover: row.failover ? JSON.parse(row.failover) : { clusters: [] },
    createdBy: row.created_by,
    // SQLite hands back strings or epoch numbers, PostgreSQL Date objects.
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Desired state of every federated app Kube Platform deployed, keyed by (namespace, name). */
export class FederatedAppStore {
  /** Connects and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<FederatedAppStore> {
    return new FederatedAppStore(
      await migrateKubePlatformDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  /** One app, or `undefined`. */
  async get(
    namespace: string,
    name: string,
  ): Promise<StoredFederatedApp | undefined> {
    const row = await this.db<FederatedAppRow>(TABLE)
      .where({ namespace, name })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Apps, optionally of some owners, ordered by namespace and name. */
  async list(
    filter: { owners?: string[] } = {},
  ): Promise<StoredFederatedApp[]> {
    const query = this.db<FederatedAppRow>(TABLE).orderBy([
      { column: 'namespace' },
      { column: 'name' },
    ]);
    if (filter.owners) query.whereIn('owner', filter.owners);
    return (await query).map(fromRow);
  }

  /** Records an app, or replaces the spec and owner of the stored one (keeping who created it and when). */
  async put(app: FederatedApp, actor: string): Promise<StoredFederatedApp> {
    const now = new Date();
    const row: FederatedAppRow = {
      namespace: app.namespace,
      name: app.name,
      owner: app.owner,
      spec: JSON.stringify(app),
      created_by: actor,
      created_at: now,
      updated_at: now,
    };
    await this.db<FederatedAppRow>(TABLE)
      .insert(row)
      .onConflict(['namespace', 'name'])
      .merge(['owner', 'spec', 'updated_at']);
    return (await this.get(app.namespace, app.name))!;
  }

  /**
   * Replaces the failover state of an app (its spec untouched); `false` when
   * there is no such app.
   */
  async setFailover(
    namespace: string,
    name: string,
    failover: FederatedAppFailover,
  ): Promise<boolean> {
    const updated = await this.db<FederatedAppRow>(TABLE)
      .where({ namespace, name })
      .update({
        failover:
          failover.clusters.length > 0 ? JSON.stringify(failover) : null,
      });
    return updated > 0;
  }

  /** Forgets an app; `false` when there was none. */
  async delete(namespace: string, name: string): Promise<boolean> {
    return (
      (await this.db<FederatedAppRow>(TABLE)
        .where({ namespace, name })
        .delete()) > 0
    );
  }
}

import type { DatabaseService } from '@backstage/backend-plugin-api';
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { TenantSpec } from '@kube-platform/plugin-kube-platform-common';
import type { Knex } from 'knex';
import { migrateKubePlatformDatabase } from './migrate';

const TABLE = 'kube_platform_tenants';

/** A provisioned tenant as stored. */
export interface StoredTenant {
  cluster: string;
  name: string;
  namespace: string;
  owner: string;
  environment: TenantSpec['environment'];
  costCenter: string;
  spec: TenantSpec;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

type TenantRow = {
  cluster: string;
  name: string;
  namespace: string;
  owner: string;
  environment: string;
  cost_center: string;
  spec: string;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
};

function fromRow(row: TenantRow): StoredTenant {
  return {
    cluster: row.cluster,
    name: row.name,
    namespace: row.namespace,
    owner: row.owner,
    environment: row.environment as StoredTenant['environment'],
    costCenter: row.cost_center,
    spec: JSON.parse(row.spec),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Desired state of every tenant Kube Platform provisioned. */
export class TenantStore {
  /** Connects and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<TenantStore> {
    return new TenantStore(await migrateKubePlatformDatabase(options.database));
  }

  constructor(private readonly db: Knex) {}

  /** One tenant, or `undefined`. */
  async get(cluster: string, name: string): Promise<StoredTenant | undefined> {
    const row = await this.db<TenantRow>(TABLE)
      .where({ cluster, name })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** The tenant holding a namespace on a cluster, or `undefined` (one indexed row). */
  async findByNamespace(
    cluster: string,
    namespace: string,
  ): Promise<StoredTenant | undefined> {
    const row = await this.db<TenantRow>(TABLE)
      .where({ cluster, namespace })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Tenants, optionally of some owners, ordered by cluster and name. */
  async list(
    filter: { owners?: string[]; cluster?: string } = {},
  ): Promise<StoredTenant[]> {
    const query = this.db<TenantRow>(TABLE).orderBy([
      { column: 'cluster' },
      { column: 'name' },
    ]);
    if (filter.owners) query.whereIn('owner', filter.owners);
    if (filter.cluster) query.where({ cluster: filter.cluster });
    return (await query).map(fromRow);
  }

  /**
   * Records a new tenant. Throws `ConflictError` when another request already
   * recorded one with that name or namespace on the cluster.
   */
  async insert(spec: TenantSpec, createdBy: string): Promise<StoredTenant> {
    const now = new Date();
    const row: TenantRow = {
      cluster: spec.cluster,
      name: spec.name,
      namespace: spec.namespace,
      owner: spec.owner,
      environment: spec.environment,
      cost_center: spec.costCenter,
      spec: JSON.stringify(spec),
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db<TenantRow>(TABLE).insert(row);
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `Tenant '${spec.name}' on cluster '${spec.cluster}' already exists`,
        );
      }
      throw error;
    }
    return fromRow(row);
  }

  /** Replaces the stored spec of an existing tenant. */
  async updateSpec(spec: TenantSpec): Promise<void> {
    await this.db<TenantRow>(TABLE)
      .where({ cluster: spec.cluster, name: spec.name })
      .update({
        owner: spec.owner,
        environment: spec.environment,
        cost_center: spec.costCenter,
        spec: JSON.stringify(spec),
        updated_at: new Date(),
      });
  }

  /** Forgets a tenant; `false` when there was none. */
  async delete(cluster: string, name: string): Promise<boolean> {
    return (
      (await this.db<TenantRow>(TABLE).where({ cluster, name }).delete()) > 0
    );
  }
}

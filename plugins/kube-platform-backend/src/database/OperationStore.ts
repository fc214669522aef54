import type { DatabaseService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { migrateKubePlatformDatabase } from './migrate';

const TABLE = 'kube_platform_operations';

/** Outcome of one object (or one cluster) within an operation. */
export interface ObjectResult {
  cluster?: string;
  kind: string;
  name: string;
  namespace?: string;
  outcome:
    | 'created'
    | 'configured'
    | 'unchanged'
    | 'deleted'
    | 'failed'
    | 'skipped'
    | 'drifted'
    | 'missing';
  message?: string;
}

/**
 * Final state of an operation: `rejected` when checks refused it before anything
 * was applied, `failed` when applying went wrong part-way.
 */
export type OperationStatus =
  | 'pending'
  | 'succeeded'
  | 'failed'
  | 'no-op'
  | 'rejected';

/** What an operation record says about its request, as it is started. */
export interface OperationRecord {
  kind: string;
  action: string;
  cluster?: string;
  target: string;
  actor: string;
  spec: unknown;
}

/** One recorded provisioning request. */
export interface Operation extends OperationRecord {
  id: string;
  status: OperationStatus;
  results: ObjectResult[];
  error?: string;
  createdAt: string;
  updatedAt: string;
}

type OperationRow = {
  id: string;
  kind: string;
  action: string;
  cluster: string | null;
  target: string;
  actor: string;
  spec: string;
  status: OperationStatus;
  results: string;
  error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
};

function toIso(value: Date | string): string {
  // SQLite hands back strings or epoch numbers, PostgreSQL Date objects.
  return new Date(value).toISOString();
}

function fromRow(row: OperationRow): Operation {
  return {
    id: row.id,
    kind: row.kind,
    action: row.action,
    cluster: row.cluster ?? undefined,
    target: row.target,
    actor: row.actor,
    spec: JSON.parse(row.spec),
    status: row.status,
    results: JSON.parse(row.results),
    error: row.error ?? undefined,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Records provisioning operations and their per-object results. */
export class OperationStore {
  /** Connects to the plugin database and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<OperationStore> {
    return new OperationStore(
      await migrateKubePlatformDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  /** Starts a pending operation and returns it. */
  async start(input: OperationRecord): Promise<Operation> {
    const now = new Date();
    const row: OperationRow = {
      id: randomUUID(),
      kind: input.kind,
      action: input.action,
      cluster: input.cluster ?? null,
      target: input.target,
      actor: input.actor,
      spec: JSON.stringify(input.spec),
      status: 'pending',
      results: '[]',
      error: null,
      created_at: now,
      updated_at: now,
    };
    await this.db<OperationRow>(TABLE).insert(row);
    return fromRow(row);
  }

  /** Replaces the results (and optionally the status) of an operation. */
  async update(
    id: string,
    patch: {
      status?: OperationStatus;
      results?: ObjectResult[];
      error?: string;
    },
  ): Promise<Operation> {
    const changes: Partial<OperationRow> = { updated_at: new Date() };
    if (patch.status) changes.status = patch.status;
    if (patch.results) changes.results = JSON.stringify(patch.results);
    if (patch.error !== undefined) changes.error = patch.error;
    const count = await this.db<OperationRow>(TABLE)
      .where({ id })
      .update(changes);
    if (count === 0) {
      throw new NotFoundError(`No operation with id '${id}'`);
    }
    return this.get(id);
  }

  /** One operation; throws `NotFoundError` when unknown. */
  async get(id: string): Promise<Operation> {
    const row = await this.db<OperationRow>(TABLE).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No operation with id '${id}'`);
    }
    return fromRow(row);
  }

  /** Operations on one target, newest first. */
  async listForTarget(filter: {
    kind: string;
    target: string;
    cluster?: string;
  }): Promise<Operation[]> {
    const query = this.db<OperationRow>(TABLE)
      .where({ kind: filter.kind, target: filter.target })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc');
    if (filter.cluster) {
      query.andWhere({ cluster: filter.cluster });
    }
    return (await query).map(fromRow);
  }
}

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { migrateKubePlatformDatabase } from './migrate';

const TABLE = 'kube_platform_locks';

/**
 * A lease as stored; times are epoch milliseconds by the database clock. An
 * empty `token` marks a lease reserved for `holder` on hand-over.
 */
export interface Lease {
  key: string;
  holder: string;
  token: string;
  nextHolder?: string;
  acquiredAt: number;
  expiresAt: number;
}

type LeaseRow = {
  lock_key: string;
  holder: string;
  token: string;
  next_holder: string | null;
  acquired_at: number | string;
  expires_at: number | string;
};

/**
 * The database clock in epoch milliseconds, so replicas on hosts with skewed
 * clocks still agree on when a lease expires.
 */
function nowMillisSql(db: Knex): string {
  switch (db.client.dialect) {
    case 'postgresql':
      return '(extract(epoch from clock_timestamp()) * 1000)::bigint';
    case 'sqlite3':
      return "cast((julianday('now') - 2440587.5) * 86400000 as integer)";
    default:
      throw new Error(
        `Kube Platform locks support PostgreSQL and SQLite, not '${db.client.dialect}'`,
      );
  }
}

/** Leases on keys, shared by every backend replica on the database. */
export class LockStore {
  /** Connects and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<LockStore> {
    return new LockStore(await migrateKubePlatformDatabase(options.database));
  }

  private readonly now: string;

  constructor(private readonly db: Knex) {
    this.now = nowMillisSql(db);
  }

  /**
   * Takes the lease on `key` in one atomic upsert when nobody holds it, the
   * holder's lease has expired, or it was reserved for `holder` on release.
   * Returns the acquisition's token, or `undefined` when someone else holds
   * it; then `holder` queues as the next holder unless another replica already
   * does.
   */
  async tryAcquire(
    key: string,
    holder: string,
    leaseMs: number,
  ): Promise<string | undefined> {
    const token = randomUUID();
    const existing = (column: string) => `${TABLE}.${column}`;
    await this.db(TABLE)
      .insert({
        lock_key: key,
        holder,
        token,
        next_holder: null,
        acquired_at: this.db.raw(this.now),
        expires_at: this.db.raw(`${this.now} + ?`, [Math.round(leaseMs)]),
      })
      .onConflict('lock_key')
      .merge({
        holder: this.db.ref('excluded.holder'),
        token: this.db.ref('excluded.token'),
        acquired_at: this.db.ref('excluded.acquired_at'),
        expires_at: this.db.ref('excluded.expires_at'),
        next_holder: this.db.raw('case when ?? = ?? then null else ?? end', [
          existing('next_holder'),
          'excluded.holder',
          existing('next_holder'),
        ]),
      })
      .where(taken =>
        taken
          .where(existing('expires_at'), '<', this.db.raw(this.now))
          .orWhere(reserved =>
            reserved
              .where(existing('token'), '')
              .andWhere(existing('holder'), holder),
          ),
      );
    const row = await this.db<LeaseRow>(TABLE)
      .select('token')
      .where({ lock_key: key })
      .first();
    if (row?.token === token) return token;
    await this.db<LeaseRow>(TABLE)
      .where({ lock_key: key })
      .whereNull('next_holder')
      .whereNot({ holder })
      .update({ next_holder: holder });
    return undefined;
  }

  /** Extends a held lease; `false` when it was lost (expired and taken over). */
  async renew(key: string, token: string, leaseMs: number): Promise<boolean> {
    const count = await this.db<LeaseRow>(TABLE)
      .where({ lock_key: key, token })
      .update({
        expires_at: this.db.raw(`${this.now} + ?`, [Math.round(leaseMs)]),
      });
    return count > 0;
  }

  /**
   * Gives a lease up: reserves it for `handoverMs` to the next holder when one
   * queued, else deletes it. `false` when it was no longer held by `token`.
   */
  async release(
    key: string,
    token: string,
    handoverMs: number,
  ): Promise<boolean> {
    const handedOver = await this.db(TABLE)
      .where({ lock_key: key, token })
      .whereNotNull('next_holder')
      .update({
        holder: this.db.ref('next_holder'),
        token: '',
        next_holder: null,
        acquired_at: this.db.raw(this.now),
        expires_at: this.db.raw(`${this.now} + ?`, [Math.round(handoverMs)]),
      });
    if (handedOver > 0) return true;
    return (
      (await this.db<LeaseRow>(TABLE)
        .where({ lock_key: key, token })
        .delete()) > 0
    );
  }

  /** Leaves the queue for `key`, e.g. after giving up waiting. */
  async withdraw(key: string, holder: string): Promise<void> {
    await this.db<LeaseRow>(TABLE)
      .where({ lock_key: key, next_holder: holder })
      .update({ next_holder: null });
  }

  /** The current lease on `key`, live or expired, or `undefined`. */
  async get(key: string): Promise<Lease | undefined> {
    const row = await this.db<LeaseRow>(TABLE).where({ lock_key: key }).first();
    return row
      ? {
          key: row.lock_key,
          holder: row.holder,
          token: row.token,
          nextHolder: row.next_holder ?? undefined,
          // PostgreSQL returns bigint as a string.
          acquiredAt: Number(row.acquired_at),
          expiresAt: Number(row.expires_at),
        }
      : undefined;
  }
}

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { BudgetLevel } from '@kube-platform/plugin-kube-platform-common';
import type { Knex } from 'knex';
import { migrateKubePlatformDatabase } from '../database/migrate';

const TABLE = 'kube_platform_budget_notifications';

/** One budget level notified for an entity in a UTC month. */
export interface BudgetNotificationRecord {
  entityRef: string;
  /** UTC month, `YYYY-MM`. */
  month: string;
  level: BudgetLevel;
  /** Entity ref of the group notified. */
  recipient: string;
  budget: number;
  projected: number;
  notifiedAt: number;
}

/**
 * The budget levels notified, keyed by (entity, month, level). A level is
 * claimed before its notification is sent: only the writer whose insert wins
 * sends, so replicas and restarts never send a level twice in a month.
 */
export class BudgetNotificationStore {
  /** Connects and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<BudgetNotificationStore> {
    return new BudgetNotificationStore(
      await migrateKubePlatformDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  /** Levels already notified for the entity in the month. */
  async levelsNotified(
    entityRef: string,
    month: string,
  ): Promise<BudgetLevel[]> {
    const rows = await this.db(TABLE)
      .where({ entity_ref: entityRef.toLocaleLowerCase('en-US'), month })
      .select('level');
    return rows.map(r => r.level as BudgetLevel);
  }

  /** Records the level; true when this call inserted it, false when it was already there. */
  async claim(record: BudgetNotificationRecord): Promise<boolean> {
    const inserted = await this.db(TABLE)
      .insert({
        entity_ref: record.entityRef.toLocaleLowerCase('en-US'),
        month: record.month,
        level: record.level,
        recipient: record.recipient,
        budget: record.budget,
        projected: record.projected,
        notified_at: record.notifiedAt,
      })
      .onConflict(['entity_ref', 'month', 'level'])
      .ignore()
      .returning('level');
    return inserted.length === 1;
  }

  /** Forgets a claimed level whose notification could not be sent, so a later run retries it. */
  async release(
    record: Pick<BudgetNotificationRecord, 'entityRef' | 'month' | 'level'>,
  ): Promise<void> {
    await this.db(TABLE)
      .where({
        entity_ref: record.entityRef.toLocaleLowerCase('en-US'),
        month: record.month,
        level: record.level,
      })
      .delete();
  }
}

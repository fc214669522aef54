import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  type ClusterCostSample,
  type CostBucketRow,
  type CostInterval,
  costRowKey,
  mergeCostRows,
  rollupDaily,
  startOfUtcDay,
  startOfUtcHour,
} from '@kube-platform/plugin-kube-platform-common';
import type { Knex } from 'knex';
import { migrateKubePlatformDatabase } from '../database/migrate';
import {
  COST_TABLES,
  type CostBucketStep,
  createLabelsParser,
  type CostIdleRecord,
  type CostIdleRow,
  type CostRowRecord,
  fromIdleRecord,
  fromRowRecord,
  IDLE_FIGURE_COLUMNS,
  ROW_FIGURE_COLUMNS,
  toIdleRecord,
  toRowRecord,
} from './costRowRecords';

/** A stretch of time a cluster was not sampled, and why. */
export interface CostGap {
  cluster: string;
  from: number;
  to: number;
  reason?: string;
}

/** How one sample's pods were priced. */
export type SampleUsageSource = 'metrics' | 'requests';

const CHUNK = 200;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

// Figures add up in the database itself, so concurrent writers never lose an addition.
function additive(db: Knex, table: string, columns: readonly string[]) {
  return Object.fromEntries(
    columns.map(c => [c, db.raw('?? + excluded.??', [`${table}.${c}`, c])]),
  );
}

/**
 * Cost history in the plugin's database. A sample is stored once: its key
 * (cluster and interval start on the fixed grid) is inserted first in the
 * transaction that adds its rows, so a second run of the same interval (a
 * restart, another replica) fails on the key and adds nothing. Rows are kept
 * per hour and per day (the daily rows are rolled up as samples arrive), each
 * pruned after its retention.
 */
export class CostStore {
  /** Connects and runs migrations unless `migrations.skip` is set. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<CostStore> {
    return new CostStore(await migrateKubePlatformDatabase(options.database));
  }

  constructor(private readonly db: Knex) {}

  /**
   * Adds a sample's rows and idle cost to the hourly and daily history, unless
   * the sample's key is already stored. Returns whether it was added.
   */
  async addSample(
    sample: ClusterCostSample,
    usageSource: SampleUsageSource,
  ): Promise<boolean> {
    try {
      return await this.db.transaction(async trx => {
        // First, so a concurrent writer of the same key waits here and then fails.
        await trx(COST_TABLES.samples).insert({
          idempotency_key: sample.idempotencyKey,
          cluster: sample.cluster,
          interval_start: sample.interval.start,
          interval_end: sample.interval.end,
          usage_source: usageSource,
          measured_pods: sample.measuredPods,
          estimated_pods: sample.estimatedPods,
        });
        await this.mergeRows(trx, 'hour', sample.rows);
        await this.mergeRows(trx, 'day', rollupDaily(sample.rows));
        await this.addIdle(trx, sample);
        return true;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  private async mergeRows(
    trx: Knex.Transaction,
    step: CostBucketStep,
    additions: readonly CostBucketRow[],
  ): Promise<void> {
    if (additions.length === 0) return;
    const clusters = [...new Set(additions.map(r => r.cluster))];
    const buckets = [...new Set(additions.map(r => r.bucketStart))];
    let query = trx<CostRowRecord>(COST_TABLES.rows)
      .where({ step })
      .whereIn('cluster', clusters)
      .whereIn('bucket_start', buckets);
    if (trx.client.config.client === 'pg') query = query.forUpdate();
    const parseLabels = createLabelsParser();
    const existing = new Map(
      (await query).map(record => {
        const row = fromRowRecord(record, parseLabels);
        return [costRowKey(row), row];
      }),
    );
    // Labels and usage source merge in memory (the row is locked); figures add up in SQL.
    const records = additions.map(addition => {
      const before = existing.get(costRowKey(addition));
      const merged = before ? mergeCostRows(before, addition) : addition;
      return {
        ...toRowRecord(step, addition),
        labels: JSON.stringify(merged.labels),
        usage_source: merged.usageSource ?? null,
      };
    });
    for (let i = 0; i < records.length; i += CHUNK) {
      await trx(COST_TABLES.rows)
        .insert(records.slice(i, i + CHUNK))
        .onConflict([
          'step',
          'cluster',
          'namespace',
          'workload',
          'bucket_start',
        ])
        .merge({
          labels: trx.raw('excluded.labels'),
          usage_source: trx.raw('excluded.usage_source'),
          ...additive(trx, COST_TABLES.rows, Object.keys(ROW_FIGURE_COLUMNS)),
        });
    }
  }

  private async addIdle(
    trx: Knex.Transaction,
    sample: ClusterCostSample,
  ): Promise<void> {
    // Idle is summed over the interval; it goes to the hour (and day) the interval starts in.
    const records = (['hour', 'day'] as const).map(step =>
      toIdleRecord(step, {
        ...sample.idle,
        cluster: sample.cluster,
        bucketStart:
          step === 'hour'
            ? startOfUtcHour(sample.interval.start)
            : startOfUtcDay(sample.interval.start),
      }),
    );
    await trx(COST_TABLES.idle)
      .insert(records)
      .onConflict(['step', 'cluster', 'bucket_start'])
      .merge(additive(trx, COST_TABLES.idle, Object.keys(IDLE_FIGURE_COLUMNS)));
  }

  /** Records that [from, to) of a cluster was not sampled; a gap already recorded from `from` stays. */
  async addGap(gap: CostGap): Promise<void> {
    await this.db(COST_TABLES.gaps)
      .insert({
        cluster: gap.cluster,
        gap_start: gap.from,
        gap_end: gap.to,
        reason: gap.reason ?? null,
      })
      .onConflict(['cluster', 'gap_start'])
      .ignore();
  }

  /** End of the last interval sampled or recorded as a gap; undefined for a new cluster. */
  async sampledUntil(cluster: string): Promise<number | undefined> {
    const [sampled] = await this.db(COST_TABLES.samples)
      .where({ cluster })
      .max({ end: 'interval_end' });
    const [gap] = await this.db(COST_TABLES.gaps)
      .where({ cluster })
      .max({ end: 'gap_end' });
    const ends = [sampled?.end, gap?.end]
      .filter(e => e !== null && e !== undefined)
      .map(Number);
    return ends.length > 0 ? Math.max(...ends) : undefined;
  }

  /** Rows of `step` whose bucket starts in the window, optionally of some namespaces only. */
  async rows(
    step: CostBucketStep,
    window: CostInterval,
    filter: { cluster?: string; namespaces?: string[] } = {},
  ): Promise<CostBucketRow[]> {
    let query = this.db<CostRowRecord>(COST_TABLES.rows)
      .where({ step })
      .where('bucket_start', '>=', window.start)
      .where('bucket_start', '<', window.end);
    if (filter.cluster) query = query.where({ cluster: filter.cluster });
    if (filter.namespaces) {
      query = query.whereIn('namespace', filter.namespaces);
    }
    const parseLabels = createLabelsParser();
    return (await query).map(record => fromRowRecord(record, parseLabels));
  }

  /** Idle rows of `step` of a cluster whose bucket starts in the window. */
  async idle(
    step: CostBucketStep,
    window: CostInterval,
    cluster: string,
  ): Promise<CostIdleRow[]> {
    const records = await this.db<CostIdleRecord>(COST_TABLES.idle)
      .where({ step, cluster })
      .where('bucket_start', '>=', window.start)
      .where('bucket_start', '<', window.end);
    return records.map(fromIdleRecord);
  }

  /** Gaps that overlap the window, oldest first. */
  async gaps(window: CostInterval): Promise<CostGap[]> {
    const records = await this.db(COST_TABLES.gaps)
      .where('gap_end', '>', window.start)
      .where('gap_start', '<', window.end)
      .orderBy('gap_start');
    return records.map(r => ({
      cluster: r.cluster,
      from: Number(r.gap_start),
      to: Number(r.gap_end),
      ...(r.reason ? { reason: r.reason } : {}),
    }));
  }

  /** Sampled intervals of a cluster overlapping the window, oldest first. */
  async samples(
    window: CostInterval,
    cluster?: string,
  ): Promise<Array<CostInterval & { cluster: string; usageSource: string }>> {
    let query = this.db(COST_TABLES.samples)
      .where('interval_end', '>', window.start)
      .where('interval_start', '<', window.end)
      .orderBy('interval_start');
    if (cluster) query = query.where({ cluster });
    return (await query).map(r => ({
      cluster: r.cluster,
      start: Number(r.interval_start),
      end: Number(r.interval_end),
      usageSource: r.usage_source,
    }));
  }

  /**
   * Deletes hourly rows older than `hourlyMs`, daily rows, samples and gaps
   * older than `dailyMs`. Daily rows were rolled up as samples arrived, so
   * nothing is lost but the hourly detail. Returns the rows deleted.
   */
  async prune(now: number, retention: { hourlyMs: number; dailyMs: number }) {
    const hourCut = startOfUtcHour(now - retention.hourlyMs);
    const dayCut = startOfUtcDay(now - retention.dailyMs);
    let deleted = 0;
    for (const table of [COST_TABLES.rows, COST_TABLES.idle]) {
      deleted += await this.db(table)
        .where({ step: 'hour' })
        .where('bucket_start', '<', hourCut)
        .delete();
      deleted += await this.db(table)
        .where({ step: 'day' })
        .where('bucket_start', '<', dayCut)
        .delete();
    }
    deleted += await this.db(COST_TABLES.samples)
      .where('interval_end', '<', dayCut)
      .delete();
    deleted += await this.db(COST_TABLES.gaps)
      .where('gap_end', '<', dayCut)
      .delete();
    return deleted;
  }
}

// @ts-check

const TABLE = 'kube_platform_cost_rows';
const NARROW = 'kp_cost_rows_step_namespace_bucket';
const COVERING = 'kp_cost_rows_step_namespace_bucket_covering';
// Every column a cost query reads, after the three it searches by.
const COVERED = [
  'step',
  'namespace',
  'bucket_start',
  'cluster',
  'workload',
  'labels',
  'usage_source',
  'cpu_core_hours',
  'memory_gib_hours',
  'storage_gib_hours',
  'cpu_cost',
  'memory_cost',
  'storage_cost',
  'total_cost',
  'usage_cost',
  'metered_cost',
];

/** @param {import('knex').Knex} knex */
function isSqlite(knex) {
  return /sqlite/.test(String(knex.client.config.client));
}

/**
 * SQLite: an entity's rows are read through (step, namespace, bucket start),
 * but the table is in insertion order (by sample time), so each of a 90-day
 * query's thousands of rows was one more random table page. An index holding
 * every column the query reads answers from the index alone, its rows already
 * side by side; it replaces the narrower index with the same leading columns.
 * PostgreSQL keeps the narrow index: a B-tree entry there is limited to about
 * a third of a page, which the labels JSON of a workload could exceed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!isSqlite(knex)) return;
  await knex.schema.alterTable(TABLE, table => {
    table.index(COVERED, COVERING);
  });
  await knex.schema.alterTable(TABLE, table => {
    table.dropIndex(['step', 'namespace', 'bucket_start'], NARROW);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isSqlite(knex)) return;
  await knex.schema.alterTable(TABLE, table => {
    table.index(['step', 'namespace', 'bucket_start'], NARROW);
  });
  await knex.schema.alterTable(TABLE, table => {
    table.dropIndex(COVERED, COVERING);
  });
};

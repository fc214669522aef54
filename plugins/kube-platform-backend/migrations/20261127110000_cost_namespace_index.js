// @ts-check

/**
 * Cost queries read an entity's namespaces over a window: index rows by
 * (step, namespace, bucket start) so a group's 90 days do not scan every
 * namespace of every cluster.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kube_platform_cost_rows', table => {
    table.index(
      ['step', 'namespace', 'bucket_start'],
      'kp_cost_rows_step_namespace_bucket',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kube_platform_cost_rows', table => {
    table.dropIndex(
      ['step', 'namespace', 'bucket_start'],
      'kp_cost_rows_step_namespace_bucket',
    );
  });
};

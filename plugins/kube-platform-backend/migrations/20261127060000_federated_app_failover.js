// @ts-check

/**
 * Failover state of federated apps: which placed clusters an app was moved
 * off (failed-over) and which are back and waiting out the failback cooldown,
 * so a restart or another backend replica carries on where the last left off.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kube_platform_federated_apps', table => {
    table
      .text('failover')
      .nullable()
      .comment(
        'Failover state as JSON: {clusters: [{cluster, state: failed-over|cooling-down, since, failbackAt?}]}; null when none',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kube_platform_federated_apps', table => {
    table.dropColumn('failover');
  });
};

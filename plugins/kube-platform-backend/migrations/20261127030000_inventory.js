// @ts-check

/**
 * The exact objects the provisioning engine applied for each owner (tenant,
 * federated app, vcluster) on each cluster, so that pruning deletes what was
 * applied and is no longer wanted, never what a re-render guesses.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_inventory', table => {
    table.comment('Objects applied per owner and cluster by the Kube Platform provisioning engine');
    table.string('owner_kind', 32).notNullable().comment('tenant, federated-app or vcluster');
    table.string('owner_id', 255).notNullable().comment('Owner id within its kind, e.g. <cluster>/<tenant>');
    table.string('cluster', 63).notNullable().comment('Registered cluster the objects were applied to');
    table.text('objects').notNullable().comment('JSON array of {apiVersion, kind, name, namespace}');
    table.timestamp('updated_at', { useTz: false, precision: 3 }).notNullable().comment('Last change of the inventory');
    table.primary(['owner_kind', 'owner_id', 'cluster']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_inventory');
};

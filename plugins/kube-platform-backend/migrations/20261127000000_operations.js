// @ts-check

/**
 * The audit trail of provisioning: one row per request, with per-object results
 * so a partial failure shows what was applied and a retry can converge.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_operations', table => {
    table.comment('Provisioning requests handled by Kube Platform, with their outcome');
    table.string('id', 36).primary().notNullable().comment('Operation id (UUID)');
    table.string('kind', 64).notNullable().comment('What was acted on: tenant, vcluster, federated-app');
    table.string('action', 32).notNullable().comment('create, update, delete, verify');
    table.string('cluster', 253).nullable().comment('Target cluster, when the operation has one');
    table.string('target', 253).notNullable().comment('Name of the tenant, vcluster or app');
    table.string('actor', 255).notNullable().comment('User entity ref of whoever asked');
    table.text('spec').notNullable().comment('The validated request, as JSON');
    table.string('status', 32).notNullable().comment('pending, succeeded, failed or no-op');
    table.text('results').notNullable().comment('Per-object (and per-cluster) results, as JSON');
    table.text('error').nullable().comment('Error message of a failed operation');
    table.timestamp('created_at', { useTz: false, precision: 3 }).notNullable().comment('When the request arrived');
    table.timestamp('updated_at', { useTz: false, precision: 3 }).notNullable().comment('Last change of status or results');
    table.index(['kind', 'cluster', 'target'], 'kube_platform_operations_target_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_operations');
};

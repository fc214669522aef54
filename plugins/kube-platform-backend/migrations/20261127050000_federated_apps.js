// @ts-check

/**
 * Federated apps Kube Platform deployed: the desired spec per (namespace, name),
 * so status, re-plans and deletes start from what was asked for.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_federated_apps', table => {
    table.comment(
      'Federated apps (one app on many registered clusters) deployed by Kube Platform',
    );
    table
      .string('namespace', 63)
      .notNullable()
      .comment('Tenant namespace of the owner on every target cluster');
    table.string('name', 63).notNullable().comment('App name (DNS-1123 label)');
    table.string('owner', 255).notNullable().comment('Owner group entity ref');
    table.text('spec').notNullable().comment('Validated FederatedApp, as JSON');
    table
      .string('created_by', 255)
      .notNullable()
      .comment('User entity ref of the first requester');
    table
      .timestamp('created_at', { useTz: false, precision: 3 })
      .notNullable()
      .comment('First deployment');
    table
      .timestamp('updated_at', { useTz: false, precision: 3 })
      .notNullable()
      .comment('Last change of the spec');
    table.primary(['namespace', 'name']);
    table.index(['owner'], 'kube_platform_federated_apps_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_federated_apps');
};

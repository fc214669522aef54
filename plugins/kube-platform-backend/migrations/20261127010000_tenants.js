// @ts-check

/**
 * Tenants Kube Platform provisioned: the desired spec per (cluster, name), so
 * drift can be detected and quota changes start from what was promised.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_tenants', table => {
    table.comment('Tenants (namespace + guard rails) provisioned by Kube Platform');
    table.string('cluster', 63).notNullable().comment('Registered cluster the tenant lives on');
    table.string('name', 63).notNullable().comment('Tenant name (DNS-1123 label)');
    table.string('namespace', 63).notNullable().comment('Namespace name, including any prefix');
    table.string('owner', 255).notNullable().comment('Owner group entity ref');
    table.string('environment', 32).notNullable().comment('development, staging or production');
    table.string('cost_center', 63).notNullable().comment('Cost center label value');
    table.text('spec').notNullable().comment('Resolved TenantSpec, as JSON');
    table.string('created_by', 255).notNullable().comment('User entity ref of the requester');
    table.timestamp('created_at', { useTz: false, precision: 3 }).notNullable().comment('First provisioning');
    table.timestamp('updated_at', { useTz: false, precision: 3 }).notNullable().comment('Last change of the spec');
    table.primary(['cluster', 'name']);
    table.unique(['cluster', 'namespace'], { indexName: 'kube_platform_tenants_namespace_idx' });
    table.index(['owner'], 'kube_platform_tenants_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_tenants');
};

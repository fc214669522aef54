// @ts-check

/**
 * Budget notifications sent: one row per entity, UTC month and level. The row
 * is inserted before the notification is sent and the key is unique, so two
 * backend replicas or a restart never send the same level twice in a month.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_budget_notifications', table => {
    table.comment('Budget levels notified per catalog entity and UTC month');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Entity whose budget it is, e.g. group:default/team-alpha');
    table.string('month', 7).notNullable().comment('UTC month, YYYY-MM');
    table
      .string('level', 16)
      .notNullable()
      .comment('Level notified: warning or critical');
    table
      .string('recipient', 255)
      .notNullable()
      .comment('Entity ref of the group notified');
    table.double('budget').notNullable().comment('Monthly budget');
    table
      .double('projected')
      .notNullable()
      .comment('Projected month-end cost when notified');
    table
      .bigInteger('notified_at')
      .notNullable()
      .comment('When the level was claimed, epoch milliseconds');
    table.primary(['entity_ref', 'month', 'level']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_budget_notifications');
};

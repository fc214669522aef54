// @ts-check

/**
 * Leases that serialise work on one key (a tenant) across backend replicas
 * sharing the database: a row per held key, taken over once it expires so a
 * crashed holder never blocks the key for longer than one lease, and handed to
 * a waiting replica on release so replicas take turns.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_locks', table => {
    table.comment(
      'Leases held by backend replicas on keys such as cluster/namespace',
    );
    table
      .string('lock_key', 255)
      .primary()
      .notNullable()
      .comment('What is locked, e.g. cluster-1/team-alpha-dev');
    table
      .string('holder', 255)
      .notNullable()
      .comment('Backend instance holding the lease (host:pid:random)');
    table
      .string('token', 36)
      .notNullable()
      .comment(
        "Id of this acquisition (UUID), matched by renewal and release; '' while the lease is reserved for the holder",
      );
    table
      .string('next_holder', 255)
      .nullable()
      .comment(
        'Instance waiting for the lease; on release it is reserved for it, so one replica cannot starve another',
      );
    table
      .bigInteger('acquired_at')
      .notNullable()
      .comment(
        'When the lease was taken, epoch milliseconds by the database clock',
      );
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment(
        'When another holder may take the lease over, epoch milliseconds by the database clock',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_locks');
};

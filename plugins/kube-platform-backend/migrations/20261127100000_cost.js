// @ts-check

/**
 * Cost history: the samples taken (one per cluster and interval of the fixed
 * grid, unique, written in the same transaction as the cost they add), the
 * gaps where a cluster could not be sampled, cost rows per cluster, namespace,
 * workload and hour or day, and idle cost per cluster and hour or day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kube_platform_cost_samples', table => {
    table.comment(
      'One row per sampled interval of a cluster; the unique key stops a second run of the same interval',
    );
    table
      .string('idempotency_key', 300)
      .primary()
      .comment('<cluster>@<ISO interval start>');
    table.string('cluster', 253).notNullable().comment('Cluster name');
    table
      .bigInteger('interval_start')
      .notNullable()
      .comment('Interval start, epoch ms');
    table
      .bigInteger('interval_end')
      .notNullable()
      .comment('Interval end, epoch ms');
    table
      .string('usage_source', 16)
      .notNullable()
      .comment('metrics when PodMetrics were read, requests when not');
    table
      .integer('measured_pods')
      .notNullable()
      .comment('Running pods priced from measured usage');
    table
      .integer('estimated_pods')
      .notNullable()
      .comment('Running pods priced from requests');
    table.index(['cluster', 'interval_end'], 'kp_cost_samples_cluster_end');
  });
  await knex.schema.createTable('kube_platform_cost_gaps', table => {
    table.comment(
      'Intervals a cluster could not be sampled (unreachable, cache not synced, sampler away): no cost was invented for them',
    );
    table.string('cluster', 253).notNullable().comment('Cluster name');
    table.bigInteger('gap_start').notNullable().comment('Gap start, epoch ms');
    table.bigInteger('gap_end').notNullable().comment('Gap end, epoch ms');
    table.text('reason').nullable().comment('Why the cluster was not sampled');
    table.primary(['cluster', 'gap_start']);
  });
  await knex.schema.createTable('kube_platform_cost_rows', table => {
    table.comment(
      'Cost of one workload of one namespace of one cluster over one UTC hour or day',
    );
    table.string('step', 8).notNullable().comment('hour or day');
    table.string('cluster', 253).notNullable().comment('Cluster name');
    table.string('namespace', 253).notNullable().comment('Namespace');
    table
      .string('workload', 400)
      .notNullable()
      .comment('Kind/name of the owning workload (Deployment/web, Pod/x)');
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Start of the UTC hour or day, epoch ms');
    table
      .text('labels')
      .notNullable()
      .comment('JSON: labels every pod of the workload carried in the bucket');
    table
      .string('usage_source', 16)
      .nullable()
      .comment('metrics, requests or mixed; null for storage-only rows');
    for (const [column, comment] of [
      ['cpu_core_hours', 'CPU core-hours allocated'],
      ['memory_gib_hours', 'Memory GiB-hours allocated'],
      ['storage_gib_hours', 'GiB-hours of bound claims'],
      ['cpu_cost', 'CPU cost'],
      ['memory_cost', 'Memory cost'],
      ['storage_cost', 'Storage cost'],
      ['total_cost', 'cpu + memory + storage cost'],
      ['usage_cost', 'Cost of measured usage (metrics pods only)'],
      ['metered_cost', 'Allocated CPU and memory cost of metrics pods'],
    ]) {
      table.double(column).notNullable().defaultTo(0).comment(comment);
    }
    table.primary(['step', 'cluster', 'namespace', 'workload', 'bucket_start']);
    table.index(['step', 'bucket_start'], 'kp_cost_rows_step_bucket');
  });
  await knex.schema.createTable('kube_platform_cost_idle', table => {
    table.comment(
      'Idle cost of a cluster (allocatable minus allocated) over one UTC hour or day',
    );
    table.string('step', 8).notNullable().comment('hour or day');
    table.string('cluster', 253).notNullable().comment('Cluster name');
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Start of the UTC hour or day, epoch ms');
    for (const [column, comment] of [
      ['cpu_core_hours', 'Idle CPU core-hours'],
      ['memory_gib_hours', 'Idle memory GiB-hours'],
      ['cpu_cost', 'Idle CPU cost'],
      ['memory_cost', 'Idle memory cost'],
      ['total_cost', 'Idle cost'],
    ]) {
      table.double(column).notNullable().defaultTo(0).comment(comment);
    }
    table.primary(['step', 'cluster', 'bucket_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kube_platform_cost_idle');
  await knex.schema.dropTable('kube_platform_cost_rows');
  await knex.schema.dropTable('kube_platform_cost_gaps');
  await knex.schema.dropTable('kube_platform_cost_samples');
};

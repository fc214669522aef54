// A 90-day daily cost query of a group owning 50 tenant namespaces among 2 000 (each with
// 2 workloads: 360 000 daily rows), in SQLite with the plugin's real migrations and
// `CostStore`, through what `GET /entities/group/.../cost` runs after authorization and
// loading the catalog: the entity's namespaces, the store's rows, attribution through
// the catalog, then total, series and breakdown (`entityCostReport`). Against, in the same
// run, the bare SQL read of the same rows (records only, no model): what the database
// alone takes, so the ratio is our code's overhead on top of it.
//
//   source scripts/bootstrap
//   yarn bench:cost-query [--namespaces 2000] [--owned 50] [--days 90] [--requests 40]
//   # = node --require @backstage/cli-node/config/nodeTransform.cjs bench/cost-query.ts
//
// The database is a file (default .local/bench/cost-query.sqlite), filled once and reused
// while its shape matches the flags; --fresh rebuilds it.
import {
  attributeEntityCost,
  type CostBucketRow,
  type CostCatalog,
  DAY_MS,
  startOfUtcDay,
} from '@kube-platform/plugin-kube-platform-common';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CostStore } from '../plugins/kube-platform-backend/src/cost/CostStore';
import {
  COST_TABLES,
  toRowRecord,
} from '../plugins/kube-platform-backend/src/cost/costRowRecords';
import { entityCostNamespaces } from '../plugins/kube-platform-backend/src/cost/entityCostNamespaces';
import { entityCostReport } from '../plugins/kube-platform-backend/src/cost/entityCostReport';
import { parseCostQuery } from '../plugins/kube-platform-backend/src/cost/parseCostQuery';
import { flag, percentile } from './benchArgs';

const NAMESPACES = flag('--namespaces', 2000);
const OWNED = flag('--owned', 50);
const DAYS = flag('--days', 90);
const REQUESTS = flag('--requests', 40);
const CLUSTERS = ['cluster-1', 'cluster-2'];
const GROUP = 'group:default/bench-team';
const WORKLOADS = ['Deployment/web', 'Deployment/worker'];
const file = path.resolve(
  process.argv.includes('--db')
    ? process.argv[process.argv.indexOf('--db') + 1]
    : '.local/bench/cost-query.sqlite',
);
const nsName = (i: number) => `tenant-${String(i).padStart(5, '0')}`;
const clusterOf = (i: number) => CLUSTERS[i % CLUSTERS.length];
// Owned namespaces are spread among the others, not a contiguous block.
const isOwned = (i: number) =>
  i % Math.floor(NAMESPACES / OWNED) === 0 &&
  i / Math.floor(NAMESPACES / OWNED) < OWNED;

/** Tenants and one component per namespace (its `web` pods), owned by the tenant's group. */
function catalogOf(): CostCatalog {
  const owner = (i: number) =>
    isOwned(i) ? GROUP : `group:default/team-${i % 40}`;
  const ids = Array.from({ length: NAMESPACES }, (_, i) => i);
  return {
    groups: [
      { ref: GROUP },
      ...Array.from({ length: 40 }, (_, g) => ({
        ref: `group:default/team-${g}`,
      })),
    ],
    systems: [],
    tenants: ids.map(i => ({
      ref: `resource:default/${clusterOf(i)}-${nsName(i)}`,
      cluster: clusterOf(i),
      namespace: nsName(i),
      owner: owner(i),
    })),
    components: ids.map(i => ({
      ref: `component:default/${nsName(i)}-web`,
      owner: owner(i),
      namespaces: [{ cluster: clusterOf(i), namespace: nsName(i) }],
      selector: {
        matchLabels: { 'backstage.io/kubernetes-id': `${nsName(i)}-web` },
      },
    })),
  };
}

function rowOf(i: number, w: number, day: number): CostBucketRow {
  const cpu = 0.5 + (i % 7) * 0.25 + w;
  const memory = 1 + (i % 5);
  const app = WORKLOADS[w].split('/')[1];
  return {
    cluster: clusterOf(i),
    namespace: nsName(i),
    workload: WORKLOADS[w],
    bucketStart: day,
    labels: {
      app,
      'app.kubernetes.io/part-of': 'shop',
      'backstage.io/kubernetes-id': `${nsName(i)}-${app}`,
    },
    usageSource: 'metrics',
    cpuCoreHours: cpu * 24,
    memoryGiBHours: memory * 24,
    storageGiBHours: 0,
    cpuCost: cpu * 24 * 0.05,
    memoryCost: memory * 24 * 0.01,
    storageCost: 0,
    totalCost: cpu * 24 * 0.05 + memory * 24 * 0.01,
    usageCost: cpu * 12 * 0.05,
    meteredCost: cpu * 24 * 0.05 + memory * 24 * 0.01,
  };
}

/** Fills the daily rows of the last DAYS days unless the file already holds exactly them. */
async function seed(db: Knex, today: number): Promise<number> {
  const expected = NAMESPACES * WORKLOADS.length * DAYS;
  const [{ n }] = await db(COST_TABLES.rows)
    .where({ step: 'day' })
    .count({ n: '*' });
  const [{ last }] = await db(COST_TABLES.rows).max({ last: 'bucket_start' });
  if (Number(n) === expected && Number(last) === today - DAY_MS) return 0;
  await db(COST_TABLES.rows).delete();
  for (let d = DAYS; d >= 1; d--) {
    const day = today - d * DAY_MS;
    const records: ReturnType<typeof toRowRecord>[] = [];
    for (let i = 0; i < NAMESPACES; i++) {
      for (let w = 0; w < WORKLOADS.length; w++) {
        records.push(toRowRecord('day', rowOf(i, w, day)));
      }
    }
    await db.transaction(async trx => {
      for (let k = 0; k < records.length; k += 40) {
        await trx(COST_TABLES.rows).insert(records.slice(k, k + 40));
      }
    });
  }
  await db.raw('ANALYZE');
  return expected;
}

async function main() {
  if (process.argv.includes('--fresh')) fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  const store = await CostStore.create({
    database: { getClient: async () => db } as any,
  });
  const now = Date.now();
  const today = startOfUtcDay(now);
  const t0 = performance.now();
  const seeded = await seed(db, today);
  const seedMs = performance.now() - t0;

  const catalog = catalogOf();
  const query = parseCostQuery(
    {
      from: new Date(today - DAYS * DAY_MS).toISOString(),
      to: new Date(today).toISOString(),
      step: 'day',
      groupBy: 'namespace',
    },
    { hourlyRetentionMs: 7 * DAY_MS, dailyRetentionMs: 400 * DAY_MS },
    now,
  );

  // What the route does once it has the catalog.
  const ours = async () => {
    const namespaces = entityCostNamespaces(GROUP, catalog, false);
    const rows = attributeEntityCost(
      GROUP,
      catalog,
      await store.rows(query.step, query.window, { namespaces }),
    ).items;
    return entityCostReport({
      entityRef: GROUP,
      currency: 'USD',
      query,
      rows,
      gaps: await store.gaps(query.window),
    });
  };
  // The database alone: the same rows as raw records.
  const namespaces = entityCostNamespaces(GROUP, catalog, false)!;
  const bare = async () =>
    db(COST_TABLES.rows)
      .where({ step: 'day' })
      .where('bucket_start', '>=', query.window.start)
      .where('bucket_start', '<', query.window.end)
      .whereIn('namespace', namespaces);

  const report = await ours();
  const expectedRows = OWNED * WORKLOADS.length * DAYS;
  const bareRows = (await bare()).length;
  if (bareRows !== expectedRows || report.breakdown.length !== OWNED) {
    throw new Error(
      `expected ${expectedRows} rows in ${OWNED} namespaces, got ${bareRows} in ${report.breakdown.length}`,
    );
  }
  const oursTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let r = 0; r < REQUESTS + 3; r++) {
    for (const which of r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) {
      const s = performance.now();
      await (which === 'ours' ? ours() : bare());
      const ms = performance.now() - s;
      if (r >= 3) (which === 'ours' ? oursTimes : bareTimes).push(ms);
    }
  }
  oursTimes.sort((a, b) => a - b);
  bareTimes.sort((a, b) => a - b);
  const [oursP50, bareP50] = [
    percentile(oursTimes, 0.5),
    percentile(bareTimes, 0.5),
  ];
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  const total = NAMESPACES * WORKLOADS.length * DAYS;
  process.stdout.write(
    [
      `GET /entities/group/default/bench-team/cost?step=day (${DAYS} days, groupBy namespace): ${OWNED} owned namespaces among ${NAMESPACES} (${total} daily rows; ${
        seeded ? `seeded this run in ${(seedMs / 1000).toFixed(0)} s` : 'reused'
      }), ${REQUESTS} requests each, load average ${os
        .loadavg()[0]
        .toFixed(1)}`,
      `  ours (namespaces, rows, attribution, series, breakdown): p50 ${fmt(
        oursP50,
      )}  p95 ${fmt(percentile(oursTimes, 0.95))}  (goal <= 50 ms: ${
        oursP50 <= 50 ? 'met' : 'NOT met'
      })`,
      `  bare SQL read of the same ${expectedRows} rows:        p50 ${fmt(
        bareP50,
      )}  p95 ${fmt(percentile(bareTimes, 0.95))}`,
      `  ratio ours / bare read (p50): ${(oursP50 / bareP50).toFixed(2)}x`,
      '',
    ].join('\n'),
  );
  await db.destroy();
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

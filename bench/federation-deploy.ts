// Deploying one federated app to 3 real local clusters, against the slowest
// single-cluster deploy of the same app measured in the same run:
//   three  - FederationService.deploy of an app placed on cluster-1..3: pre-flight
//            (placement, tenants, quota, server-side dry-run) then apply on every
//            cluster in parallel, recorded, as POST /federated-apps does
//   single - the same deploy of the same app placed on one cluster, for each cluster;
//            the slowest of the three is the baseline
// Every deploy creates a new app (a fresh name), so each one really applies. Rounds
// alternate the order (three first / singles first). Prints each round, the medians
// and the ratio three / slowest single (goal <= 1.3).
//
//   source scripts/bootstrap
//   node --require @backstage/cli-node/config/nodeTransform.cjs bench/federation-deploy.ts \
//     [--rounds 7]
//
// Uses $KUBE_PLATFORM_TEST_CLUSTERS (a `scripts/clusters` dir) when set, else starts
// three clusters of its own. The bench namespace is deleted afterwards.
import {
  getLocalClusterSet,
  releaseLocalClusters,
} from '@kube-platform/localcluster-testing';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  BENCH_ACTOR,
  benchApp,
  flag,
  provisionBenchTenants,
  removeBenchNamespace,
  startFederationBench,
  stats,
} from './federationBench';

const rounds = flag('--rounds', 7);
const NAMESPACE = `bench-fed-deploy-${process.pid}`;

/** CPU (user + system, ms) a local cluster process (API server and etcd) has used; Linux only. */
function clusterCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms (fields 14 and 15 of proc(5)).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

async function main() {
  const set = await getLocalClusterSet();
  const names = set.clusters.map(c => c.name);
  const bench = await startFederationBench(set.clusters);
  const { federation } = bench.services;
  await provisionBenchTenants(bench, set.clusters, NAMESPACE);

  // The backend's own CPU (user + system) per deploy, and the clusters' (all
  // three, whichever the deploy went to), beside the wall time.
  const cpuThree: number[] = [];
  const cpuSingle: number[] = [];
  const serverThree: number[] = [];
  const serverSingle: number[] = [];
  const serversCpu = () =>
    set.clusters.reduce((sum, c) => sum + clusterCpuMs(c.pid), 0);

  async function timedDeploy(name: string, clusters: string[]) {
    const server0 = serversCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await federation.deploy(
      benchApp(NAMESPACE, name, clusters),
      BENCH_ACTOR,
    );
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    (clusters.length > 1 ? cpuThree : cpuSingle).push(
      (cpu.user + cpu.system) / 1000,
    );
    (clusters.length > 1 ? serverThree : serverSingle).push(
      serversCpu() - server0,
    );
    if (result.result !== 'created') {
      throw new Error(`${name}: expected created, got ${result.result}`);
    }
    return elapsed;
  }

  async function singles(round: number) {
    const times: number[] = [];
    for (const c of names)
      times.push(await timedDeploy(`one-${round}-${c}`, [c]));
    return times;
  }

  // Warm-up: API discovery, tenant identities, database tables.
  await singles(0);
  await timedDeploy('three-0', names);
  for (const list of [cpuThree, cpuSingle, serverThree, serverSingle]) {
    list.length = 0;
  }
  // What the clusters use with nothing asked of them (controllers, leases), for comparison.
  const idle0 = serversCpu();
  await new Promise(resolve => setTimeout(resolve, 3000));
  const idlePer100ms = (serversCpu() - idle0) / 30;

  const lines: string[] = [];
  const threes: number[] = [];
  const slowest: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    let single: number[];
    let three: number;
    if (round % 2) {
      three = await timedDeploy(`three-${round}`, names);
      single = await singles(round);
    } else {
      single = await singles(round);
      three = await timedDeploy(`three-${round}`, names);
    }
    threes.push(three);
    slowest.push(Math.max(...single));
    lines.push(
      `  round ${round}: three ${three.toFixed(0)} ms; singles ${single
        .map(t => t.toFixed(0))
        .join(' / ')} ms; ratio ${(three / Math.max(...single)).toFixed(2)}`,
    );
  }
  await bench.stop();
  await removeBenchNamespace(set.clusters, NAMESPACE);

  const t = stats(threes);
  const s = stats(slowest);
  process.stdout.write(
    [
      `Federated deploy of one app (1 replica per cluster, 1 Deployment) to ${names.length} clusters, ${rounds} rounds:`,
      ...lines,
      `  three clusters:        median ${t.median.toFixed(
        0,
      )} ms  mean ${t.mean.toFixed(0)} ms`,
      `  slowest single:        median ${s.median.toFixed(
        0,
      )} ms  mean ${s.mean.toFixed(0)} ms`,
      `  ratio three / slowest single (medians): ${(
        t.median / s.median
      ).toFixed(2)} (goal <= 1.3)`,
      `  backend CPU per deploy: three median ${stats(cpuThree).median.toFixed(
        1,
      )} ms, single median ${stats(cpuSingle).median.toFixed(1)} ms`,
      `  cluster processes' CPU per deploy (all three, mean of 10 ms ticks): three ${stats(
        serverThree,
      ).mean.toFixed(0)} ms, single ${stats(serverSingle).mean.toFixed(
        0,
      )} ms (idle: ${idlePer100ms.toFixed(0)} ms per 100 ms)`,
      '',
    ].join('\n'),
  );
  await releaseLocalClusters();
}

main().catch(async error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  await releaseLocalClusters();
  process.exit(1);
});

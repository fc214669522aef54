// Status of 100 federated apps, each on 3 real local clusters, two ways in the same run:
//   cached  - the details route's own code: each app's Deployment looked up in the
//             watch caches (managed Deployments), plan, drift, per-cluster status, totals
//   fan-out - the same status with each app's Deployment read from every cluster per
//             request (one GET per cluster, in parallel, as the platform identity with a
//             reused client: the cheapest fan-out there is), then the same pure code
// One request is one app's status; a round asks for all apps one after another. Prints
// mean and p95 per request, the time of a round, and the ratio fan-out / cached.
//
//   source scripts/bootstrap
//   node --require @backstage/cli-node/config/nodeTransform.cjs bench/federation-status.ts \
//     [--apps 100] [--rounds 5] [--keep]
//
// Uses $KUBE_PLATFORM_TEST_CLUSTERS (a `scripts/clusters` dir) when set, else starts
// three clusters of its own. Deploys the apps through FederationService (idempotent) into
// one bench namespace, deleted afterwards unless --keep.
import {
  getLocalClusterSet,
  releaseLocalClusters,
} from '@kube-platform/localcluster-testing';
import { performance } from 'node:perf_hooks';
import type { StoredFederatedApp } from '@kube-platform/plugin-kube-platform-common';
import { trimFederatedDeployment } from '../plugins/kube-platform-backend/src/federation/federatedDeploymentKind';
import { observeFederatedDeployments } from '../plugins/kube-platform-backend/src/federation/readFederatedAppStatus';
import { statusOfFederatedApp } from '../plugins/kube-platform-backend/src/federation/statusOfFederatedApp';
import type { FederatedClusterObservation } from '../plugins/kube-platform-backend/src/federation/statusOfFederatedCluster';
import {
  BENCH_ACTOR,
  benchApp,
  flag,
  provisionBenchTenants,
  removeBenchNamespace,
  startFederationBench,
  stats,
} from './federationBench';

const appCount = flag('--apps', 100);
const rounds = flag('--rounds', 5);
const NAMESPACE = 'bench-fed-status';
const appName = (i: number) => `app-${String(i).padStart(3, '0')}`;

async function main() {
  const set = await getLocalClusterSet();
  const names = set.clusters.map(c => c.name);
  const bench = await startFederationBench(set.clusters);
  const { federation, engine } = bench.services;
  await provisionBenchTenants(bench, set.clusters, NAMESPACE);

  const t0 = performance.now();
  for (let i = 0; i < appCount; i++) {
    await federation.deploy(
      benchApp(NAMESPACE, appName(i), names),
      BENCH_ACTOR,
    );
  }
  const deployedIn = performance.now() - t0;
  const apps: StoredFederatedApp[] = await federation.list({});
  // Every Deployment has reached the caches before measuring.
  const inCaches = () =>
    names.every(
      c =>
        bench.clusterCache
          .forCluster(c)
          .get('managed-deployments')
          .list()
          .filter((d: any) => d.namespace === NAMESPACE).length === appCount,
    );
  while (!inCaches()) await new Promise(r => setTimeout(r, 100));

  const sources = { clusterCache: bench.clusterCache, engine };
  const ref = (app: StoredFederatedApp) => ({
    namespace: app.namespace,
    name: app.name,
  });

  function cached(app: StoredFederatedApp) {
    return statusOfFederatedApp(
      app,
      names,
      observeFederatedDeployments(sources, names, ref(app)),
    );
  }

  async function fanOut(app: StoredFederatedApp) {
    const observations: FederatedClusterObservation[] = await Promise.all(
      names.map(async cluster => {
        const live = await engine.applierFor(cluster).read({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: ref(app),
        });
        return {
          cluster,
          cache: { synced: true },
          live: live ? trimFederatedDeployment(live as any) : undefined,
        };
      }),
    );
    return statusOfFederatedApp(app, names, observations);
  }

  async function measure(run: (app: StoredFederatedApp) => unknown) {
    const perRequest: number[] = [];
    const perRound: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      const r0 = performance.now();
      for (const app of apps) {
        const a0 = performance.now();
        const result = (await run(app)) as ReturnType<typeof cached>;
        if (result.totals.desired !== names.length) {
          throw new Error(
            `${app.name}: totals ${JSON.stringify(result.totals)}`,
          );
        }
        // Round 0 warms up.
        if (round > 0) perRequest.push(performance.now() - a0);
      }
      if (round > 0) perRound.push(performance.now() - r0);
    }
    return { request: stats(perRequest), round: stats(perRound) };
  }

  const fan = await measure(fanOut);
  const cache = await measure(async app => cached(app));
  await bench.stop();
  if (!process.argv.includes('--keep')) {
    await removeBenchNamespace(set.clusters, NAMESPACE);
  }

  const ms = (n: number) => `${n.toFixed(2)} ms`;
  process.stdout.write(
    [
      `Status of ${apps.length} federated apps x ${names.length} clusters (${
        apps.length * names.length
      } Deployments; deployed in ${(deployedIn / 1000).toFixed(
        1,
      )} s), ${rounds} rounds:`,
      `  fan-out per request: mean ${ms(fan.request.mean)}  p95 ${ms(
        fan.request.p95,
      )}; all ${apps.length} apps ${ms(fan.round.median)} (median round)`,
      `  cached (ours):       mean ${ms(cache.request.mean)}  p95 ${ms(
        cache.request.p95,
      )}; all ${apps.length} apps ${ms(cache.round.median)} (median round)`,
      `  ratio fan-out / cached: mean ${(
        fan.request.mean / cache.request.mean
      ).toFixed(0)}x, p95 ${(fan.request.p95 / cache.request.p95).toFixed(0)}x`,
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

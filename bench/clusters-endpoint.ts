// GET /api/kube-platform/clusters with 20 registered clusters, served two ways in the
// same run against the same real local clusters:
//   cached  - our router: health from the probe task, capacity from the watch caches
//   fan-out - the same ClusterStatus computed per request by asking every cluster
//             (/version, /readyz, nodes, quotas, namespaces), as the stock plugin does
// Prints mean and p95 latency of each and the ratio fan-out / cached.
//
//   source scripts/bootstrap
//   node --require @backstage/cli-node/config/nodeTransform.cjs bench/clusters-endpoint.ts \
//     [--requests 40] [--clusters 20]
//
// Uses $KUBE_PLATFORM_TEST_CLUSTERS (a `scripts/clusters` dir) when set, else starts
// three clusters of its own and stops them afterwards.
import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  computeClusterCapacity,
  type ClusterStatus,
} from '@kube-platform/plugin-kube-platform-common';
import {
  ClusterHealthMonitor,
  createClusterCacheService,
  createClusterRegistry,
  trimNamespace,
  trimNode,
  trimResourceQuota,
  type ClusterConnection,
} from '@kube-platform/plugin-kube-platform-node';
import {
  getLocalClusterSet,
  releaseLocalClusters,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api, Health, VersionApi } from '@kubernetes/client-node';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createClustersRouter } from '../plugins/kube-platform-backend/src/service/clustersRouter';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const requests = flag('--requests', 40);
const clusterCount = flag('--clusters', 20);

async function main() {
  const set = await getLocalClusterSet();
  const connections: ClusterConnection[] = Array.from({ length: clusterCount }, (_, i) => {
    const real = set.clusters[i % set.clusters.length];
    return {
      name: `bench-${String(i + 1).padStart(2, '0')}`,
      url: real.server,
      caData: real.caData,
      skipTLSVerify: false,
      token: real.platformToken,
      labels: { ...real.labels, index: String(i) },
      host: false,
    };
  });
  const logger = mockServices.rootLogger({ level: 'error' });
  const clusterRegistry = createClusterRegistry(connections);
  const clusterCache = createClusterCacheService({ clusterRegistry, logger });
  const clusterHealth = new ClusterHealthMonitor({ clusterRegistry, logger });
  await clusterCache.start();
  await clusterHealth.probeAll();

  const cachedRouter = createClustersRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    clusterRegistry,
    clusterHealth,
    clusterCache,
  });

  // The baseline: the same answer built by asking every cluster on every request.
  async function fanOutStatus(name: string): Promise<ClusterStatus> {
    const kubeConfig = clusterRegistry.getKubeConfig(name);
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const started = performance.now();
    const [version, ready, nodes, quotas, namespaces] = await Promise.all([
      kubeConfig.makeApiClient(VersionApi).getCode(),
      new Health(kubeConfig).readyz({}),
      core.listNode(),
      core.listResourceQuotaForAllNamespaces(),
      core.listNamespace(),
    ]);
    const latencyMs = Math.round(performance.now() - started);
    const summary = clusterRegistry.getCluster(name);
    return {
      ...summary,
      health: {
        status: ready ? 'Ready' : 'NotReady',
        consecutiveFailures: 0,
        consecutiveSuccesses: 1,
        latencyMs,
        version: version.gitVersion,
        history: [],
      },
      capacity: computeClusterCapacity({
        nodes: nodes.items.map(trimNode),
        quotas: quotas.items.map(trimResourceQuota),
        tenants: namespaces.items
          .map(trimNamespace)
          .filter(ns => ns.labels['app.kubernetes.io/managed-by'] === 'kube-platform').length,
      }),
      cache: {
        synced: true,
        resources: {
          namespaces: { synced: true, count: namespaces.items.length },
          resourcequotas: { synced: true, count: quotas.items.length },
          nodes: { synced: true, count: nodes.items.length },
        },
      },
    };
  }

  const app = express();
  app.use('/cached', cachedRouter);
  app.get('/fan-out/clusters', async (_req, res, next) => {
    try {
      const items = await Promise.all(
        clusterRegistry.listClusters().map(c => fanOutStatus(c.name)),
      );
      res.json({ items });
    } catch (error) {
      next(error);
    }
  });
  app.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger }).error());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function measure(path: string) {
    const times: number[] = [];
    for (let i = 0; i < requests + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`);
      const body = await res.json();
      if (!res.ok || body.items.length !== clusterCount) {
        throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      // The first three requests warm up connections and JIT.
      if (i >= 3) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
    return { mean, p95 };
  }

  const fanOut = await measure('/fan-out/clusters');
  const cached = await measure('/cached/clusters');
  server.close();
  clusterCache.stop();

  const fmt = (n: number) => `${n.toFixed(2)} ms`;
  process.stdout.write(
    [
      `GET /clusters, ${clusterCount} registered clusters on ${set.clusters.length} real control planes, ${requests} requests each`,
      `  fan-out per request: mean ${fmt(fanOut.mean)}  p95 ${fmt(fanOut.p95)}`,
      `  cached (ours):       mean ${fmt(cached.mean)}  p95 ${fmt(cached.p95)}`,
      `  ratio fan-out / cached (mean): ${(fanOut.mean / cached.mean).toFixed(1)}x`,
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

// One cost sample of a cluster with 100 000 pods in 10 000 namespaces, through the
// sampler's own function (`sampleClusterCosts`: watch caches and usage in, hourly rows and
// idle cost out), the caches in memory and shaped as the cost watched kinds keep them
// (pods trimmed by the cost-pods kind's own `trim`). Against, in the same run, a plain
// pass over the same cached pods summing their requests (the least any sample must do).
// Also prints the heap the trimmed pod cache holds per 1 000 pods.
//
//   source scripts/bootstrap
//   yarn bench:cost-sample [--pods 100000] [--namespaces 10000] [--nodes 200] [--runs 15] [--interleaved]
//   # = node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs bench/cost-sample.ts
//
// No cluster and no database: the store records the sample in memory (the database write
// is a separate cost, per transaction, not measured here).
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { ClusterCostSample } from '@kube-platform/plugin-kube-platform-common';
import type {
  CachedNode,
  ClusterCacheService,
  ClusterRegistry,
  ClusterWatchCache,
  WatchStore,
} from '@kube-platform/plugin-kube-platform-node';
import type { KubeConfig, V1Pod, V1Volume } from '@kubernetes/client-node';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  costClaimsKind,
  costPodsKind,
} from '../plugins/kube-platform-backend/src/cost/costWatchedKinds';
import type { CostStore } from '../plugins/kube-platform-backend/src/cost/CostStore';
import { readCostSettings } from '../plugins/kube-platform-backend/src/cost/readCostSettings';
import type { ClusterPodUsage } from '../plugins/kube-platform-backend/src/cost/readPodUsage';
import { sampleClusterCosts } from '../plugins/kube-platform-backend/src/cost/sampleClusterCosts';
import type { CachedPod } from '../plugins/kube-platform-backend/src/cost/trimPod';
import { flag, percentile } from './benchArgs';

const PODS = flag('--pods', 100_000);
const NAMESPACES = flag('--namespaces', 10_000);
const NODES = flag('--nodes', 200);
const RUNS = flag('--runs', 15);
const INTERLEAVED = process.argv.includes('--interleaved');
const CLUSTER = 'bench';
const CPU = ['100m', '250m', '500m', '1'];
const MEMORY = ['128Mi', '256Mi', '512Mi', '1Gi'];

/** A pod as the API server returns it: a Deployment's replica, running, one container. */
function rawPod(i: number): V1Pod {
  const namespace = `team-${String(i % NAMESPACES).padStart(5, '0')}`;
  const app = `app-${Math.floor(i / NAMESPACES) % 3}`;
  // One ReplicaSet per Deployment: its replicas share the pod-template-hash.
  const hash = `7f${((i % NAMESPACES) * 3 + (Math.floor(i / NAMESPACES) % 3))
    .toString(16)
    .padStart(6, '0')}`;
  const name = `${app}-${hash}-${i.toString(36).padStart(5, 'x')}`;
  const volumes: V1Volume[] = [
    { name: 'tmp', emptyDir: {} },
    { name: 'token', projected: { sources: [] } },
  ];
  if (i % 10 === 0) {
    volumes.push({
      name: 'data',
      persistentVolumeClaim: { claimName: `${app}-data` },
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(100_000 + i),
      creationTimestamp: new Date(Date.now() - 86_400_000),
      labels: {
        app,
        'app.kubernetes.io/name': app,
        'app.kubernetes.io/part-of': 'shop',
        'pod-template-hash': hash,
      },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-01' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: 'rs',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: `node-${i % NODES}`,
      containers: [
        {
          name: 'main',
          image: 'registry.example.com/shop/web:1.4.2',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: {
            requests: { cpu: CPU[i % 4], memory: MEMORY[(i >> 2) % 4] },
            limits: { cpu: '2', memory: '2Gi' },
          },
        },
      ],
      volumes,
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      startTime: new Date(Date.now() - 3_600_000),
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        {
          name: 'main',
          ready: true,
          restartCount: 0,
          image: 'registry.example.com/shop/web:1.4.2',
          imageID: 'sha256:0',
          state: { running: { startedAt: new Date(Date.now() - 3_600_000) } },
        },
      ],
    },
  } as V1Pod;
}

function heapBytes(): number {
  (global as any).gc?.();
  (global as any).gc?.();
  return process.memoryUsage().heapUsed;
}

/** The trimmed pods keyed as a reflector keeps them, and the heap they hold. */
function trimmedPodCache() {
  const before = heapBytes();
  const pods = new Map<string, CachedPod>();
  // In the order the API server lists them (by namespace), as a reflector's first list keeps
  // them; --interleaved: every pod in another namespace than the last (the worst order).
  const perNamespace = Math.ceil(PODS / NAMESPACES);
  for (let n = 0; n < PODS; n++) {
    const i = INTERLEAVED
      ? n
      : (n % perNamespace) * NAMESPACES + Math.floor(n / perNamespace);
    const trimmed = costPodsKind.trim(rawPod(i));
    pods.set(`${trimmed.namespace}/${trimmed.name}`, trimmed);
  }
  return { pods, heap: heapBytes() - before };
}

function store<T>(items: T[]): WatchStore<T> {
  return {
    list: () => [...items],
    status: () => ({ synced: true } as ReturnType<WatchStore<T>['status']>),
    onChange: () => () => undefined,
  };
}

function fakeCache(pods: Map<string, CachedPod>): ClusterWatchCache {
  const nodes: CachedNode[] = Array.from(
    { length: NODES },
    (_, i) =>
      ({
        name: `node-${i}`,
        labels: { 'node.kubernetes.io/instance-type': 'm5.4xlarge' },
        allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
      } as unknown as CachedNode),
  );
  // One claim per (namespace, name), as the cache keys them; replicas share it.
  const claims = [
    ...new Map(
      [...pods.values()]
        .filter(p => p.claimNames)
        .map(p => [
          `${p.namespace}/${p.claimNames![0]}`,
          {
            namespace: p.namespace,
            name: p.claimNames![0],
            phase: 'Bound',
            capacity: '10Gi',
            storageClass: 'standard',
          },
        ]),
    ).values(),
  ];
  const stores: Record<string, WatchStore<unknown>> = {
    nodes: store(nodes),
    [costPodsKind.id]: {
      ...store([]),
      list: () => [...pods.values()],
    },
    [costClaimsKind.id]: store(claims),
  };
  return {
    get: (kind: { id: string } | string) =>
      stores[typeof kind === 'string' ? kind : kind.id],
    get nodes() {
      return stores.nodes;
    },
    status: () => ({
      resources: Object.fromEntries(
        Object.keys(stores).map(id => [id, { synced: true }]),
      ),
    }),
  } as unknown as ClusterWatchCache;
}

/** PodMetrics summed per pod, as `readPodUsage` returns them; every other pod measured. */
function usageOf(pods: Map<string, CachedPod>): ClusterPodUsage {
  const usage: ClusterPodUsage['pods'] = new Map();
  let i = 0;
  for (const pod of pods.values()) {
    if (i++ % 2 === 0) {
      let inNamespace = usage.get(pod.namespace);
      if (!inNamespace) {
        inNamespace = new Map();
        usage.set(pod.namespace, inNamespace);
      }
      inNamespace.set(pod.name, {
        cpu: 0.05 + (i % 7) * 0.1,
        memory: (i % 5) * 2 ** 27,
      });
    }
  }
  return { source: 'metrics', pods: usage };
}

async function main() {
  const { pods, heap } = trimmedPodCache();
  const cache = fakeCache(pods);
  const usage = usageOf(pods);
  const settings = readCostSettings(new ConfigReader({}));
  let lastSample: ClusterCostSample | undefined;
  const costStore = {
    sampledUntil: async () => undefined,
    addSample: async (sample: ClusterCostSample) => {
      lastSample = sample;
      return true;
    },
    addGap: async () => {
      throw new Error('the bench sample left a gap');
    },
  } as unknown as CostStore;
  const deps = {
    store: costStore,
    settings,
    clusterRegistry: {
      getKubeConfig: () => ({} as KubeConfig),
    } as unknown as ClusterRegistry,
    clusterCache: { forCluster: () => cache } as unknown as ClusterCacheService,
    clusterHealth: { getHealth: () => ({ status: 'Ready' } as any) },
    logger: mockServices.rootLogger({ level: 'error' }),
    readUsage: async () => usage,
  };
  // Aligned to the grid, so the sample is one whole interval inside one hour.
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 30 * 60_000;

  const sampleTimes: number[] = [];
  const baseTimes: number[] = [];
  // CPU time of the process (GC threads included): less hostage to a busy machine than wall time.
  const sampleCpu: number[] = [];
  let sink = 0;
  for (let run = 0; run < RUNS + 2; run++) {
    // Alternate which goes first, so neither always gets the warmer heap.
    const order = run % 2 === 0 ? ['sample', 'base'] : ['base', 'sample'];
    for (const which of order) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      if (which === 'sample') {
        const report = await sampleClusterCosts(deps, CLUSTER, now);
        if (report.sampled.length !== 1) throw new Error('nothing sampled');
      } else {
        for (const pod of cache.get(costPodsKind).list()) {
          sink +=
            Number(pod.requests.cpu ?? 0) + Number(pod.requests.memory ?? 0);
        }
      }
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (run >= 2) (which === 'sample' ? sampleTimes : baseTimes).push(ms);
      if (run >= 2 && which === 'sample') {
        sampleCpu.push((cpu.user + cpu.system) / 1000);
      }
    }
  }
  sampleTimes.sort((a, b) => a - b);
  baseTimes.sort((a, b) => a - b);
  sampleCpu.sort((a, b) => a - b);
  const sample = lastSample!;
  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  const p50 = percentile(sampleTimes, 0.5);
  const baseP50 = percentile(baseTimes, 0.5);
  process.stdout.write(
    [
      `cost sample: ${PODS} pods in ${NAMESPACES} namespaces on ${NODES} nodes, ${
        INTERLEAVED ? 'interleaved' : 'listed by namespace'
      }, ${RUNS} runs (load average ${os.loadavg()[0].toFixed(1)}; checksum ${
        sink > 0 ? 'ok' : '0'
      })`,
      `  sample (sampleClusterCosts): p50 ${fmt(p50)}  p95 ${fmt(
        percentile(sampleTimes, 0.95),
      )}  min ${fmt(sampleTimes[0])}  (goal <= 100 ms: ${
        p50 <= 100 ? 'met' : 'NOT met'
      })`,
      `  sample CPU time (process, GC threads included): p50 ${fmt(
        percentile(sampleCpu, 0.5),
      )}`,
      `  baseline (sum requests): p50 ${fmt(baseP50)}  p95 ${fmt(
        percentile(baseTimes, 0.95),
      )}`,
      `  ratio sample / baseline (p50): ${(p50 / baseP50).toFixed(1)}x`,
      `  sample holds ${sample.rows.length} hourly rows, ${sample.measuredPods} measured + ${sample.estimatedPods} estimated pods`,
      `  trimmed pod cache: ${(heap / 2 ** 20).toFixed(
        1,
      )} MiB for ${PODS} pods, ${(heap / 1024 / (PODS / 1000)).toFixed(
        0,
      )} KiB per 1 000 pods${
        (global as any).gc ? '' : ' (run with --expose-gc for a real number)'
      }`,
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

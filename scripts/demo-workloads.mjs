// Runs a few demo workloads in the example tenants, so the Quota and Cost tabs show real
// numbers: Deployments with requests and a simulated usage (the localcluster annotation
// `localcluster.kube-platform.io/usage`, which its metrics API reports), one of them
// mounting a PersistentVolumeClaim. Created with each cluster's admin kubeconfig (the
// platform itself may not create pods), by server-side apply: a second run changes
// nothing, and a changed manifest here is applied over the old one.
//
// Waits (up to 15 min) for each tenant namespace, which scripts/demo-seed.mjs has the
// platform create once the backend is up; a tenant that never appears is skipped.
//
//   node scripts/demo-workloads.mjs          # clusters of KUBE_PLATFORM_CLUSTERS_DIR or .local/clusters
import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clustersDir = path.resolve(
  root,
  process.env.KUBE_PLATFORM_CLUSTERS_DIR || '.local/clusters',
);
const REQUEST_TIMEOUT_MS = 15_000;
const WAIT_MS = 15 * 60_000;
const FIELD_MANAGER = 'kube-platform-demo';
const USAGE = 'localcluster.kube-platform.io/usage';

/**
 * What runs where. `usage` differs per workload: some use less than they request
 * (the Cost tab's efficiency below 100 %), the worker more (charged for its usage).
 */
const workloads = [
  {
    cluster: 'cluster-1',
    namespace: 'team-alpha-prod',
    name: 'payments-api',
    replicas: 2,
    requests: { cpu: '250m', memory: '256Mi' },
    usage: 'cpu=120m,memory=180Mi',
  },
  {
    cluster: 'cluster-1',
    namespace: 'team-alpha-prod',
    name: 'payments-worker',
    replicas: 1,
    requests: { cpu: '500m', memory: '512Mi' },
    usage: 'cpu=700m,memory=400Mi',
    claim: { name: 'payments-ledger', storage: '5Gi' },
  },
  {
    cluster: 'cluster-2',
    namespace: 'team-beta-prod',
    name: 'storefront',
    replicas: 3,
    requests: { cpu: '200m', memory: '256Mi' },
    usage: 'cpu=90m,memory=150Mi',
  },
  {
    cluster: 'cluster-3',
    namespace: 'team-alpha-dev',
    name: 'payments-api',
    replicas: 1,
    requests: { cpu: '100m', memory: '128Mi' },
    usage: 'cpu=60m,memory=100Mi',
  },
];

const log = message => process.stdout.write(`[demo-workloads] ${message}\n`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Fails a call that takes longer than REQUEST_TIMEOUT_MS (a hung cluster must not hang the demo). */
function bounded(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function clientOf(cluster) {
  const file = path.join(clustersDir, `${cluster}.kubeconfig`);
  if (!fs.existsSync(file)) return undefined;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(file);
  return KubernetesObjectApi.makeApiClient(kubeConfig);
}

// Restricted Pod Security (production tenants) and the LimitRange's ratio of 4 both pass.
function deployment(w) {
  const labels = { app: w.name, 'backstage.io/kubernetes-id': w.name };
  const container = {
    name: 'main',
    image: `registry.example.com/demo/${w.name}:1.0`,
    resources: {
      requests: w.requests,
      limits: {
        cpu: `${parseInt(w.requests.cpu, 10) * 2}m`,
        memory: `${parseInt(w.requests.memory, 10) * 2}Mi`,
      },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      runAsUser: 10001,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(w.claim
      ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] }
      : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: w.name, namespace: w.namespace, labels },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: { app: w.name } },
      template: {
        metadata: { labels, annotations: { [USAGE]: w.usage } },
        spec: {
          containers: [container],
          ...(w.claim
            ? {
                volumes: [
                  {
                    name: 'data',
                    persistentVolumeClaim: { claimName: w.claim.name },
                  },
                ],
              }
            : {}),
        },
      },
    },
  };
}

function claim(w) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: w.claim.name, namespace: w.namespace },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'localcluster-standard',
      resources: { requests: { storage: w.claim.storage } },
    },
  };
}

async function namespaceExists(client, namespace) {
  try {
    await bounded(
      client.read({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      }),
      `read namespace ${namespace}`,
    );
    return true;
  } catch (error) {
    if (error?.code === 404) return false;
    throw error;
  }
}

async function waitForNamespace(client, w) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    try {
      if (await namespaceExists(client, w.namespace)) return true;
    } catch (error) {
      log(`${w.cluster}/${w.namespace}: ${error.message}; retrying`);
    }
    await sleep(3000);
  }
  return false;
}

// Server-side apply: creates, or changes what differs; the same manifest again is a no-op.
async function apply(client, object) {
  await bounded(
    client.patch(
      object,
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    ),
    `apply ${object.kind} ${object.metadata.namespace}/${object.metadata.name}`,
  );
}

async function run(w) {
  const client = clientOf(w.cluster);
  if (!client) {
    log(`${w.cluster}: no kubeconfig in ${clustersDir}; skipped ${w.name}`);
    return false;
  }
  if (!(await waitForNamespace(client, w))) {
    log(
      `${w.cluster}/${w.namespace}: tenant namespace never appeared; skipped ${w.name}`,
    );
    return false;
  }
  // The namespace is applied with its quota and limits; a moment for them to be in place.
  for (let attempt = 1; ; attempt++) {
    try {
      if (w.claim) await apply(client, claim(w));
      await apply(client, deployment(w));
      log(
        `${w.cluster}/${w.namespace}: ${w.name} x${w.replicas} (usage ${
          w.usage
        })${w.claim ? ` with claim ${w.claim.name}` : ''}`,
      );
      return true;
    } catch (error) {
      if (attempt >= 10) {
        log(
          `${w.cluster}/${w.namespace}: ${w.name} not applied: ${
            error.body?.message ?? error.message
          }`,
        );
        return false;
      }
      await sleep(3000);
    }
  }
}

const results = await Promise.all(workloads.map(run));
if (results.some(ok => !ok)) process.exitCode = 1;

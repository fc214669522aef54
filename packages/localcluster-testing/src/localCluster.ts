import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { compactLocalCluster } from './compaction';
import {
  platformIdentityArgs,
  readPlatformIdentityToken,
} from './platformIdentities';
import { DEMO_TOKENS_FLAG, PLATFORM_IDENTITIES } from './specs';
import { waitFor } from './waitFor';

/** Root of the monorepo (this file lives in packages/localcluster-testing/src). */
// This package only ever runs from source (jest), never as a production build.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = path.resolve(__dirname, '../../..');

const LOCALCLUSTER_SRC = path.join(REPO_ROOT, 'tools/localcluster');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** Path of the localcluster binary; `KUBE_PLATFORM_LOCALCLUSTER_BIN` overrides it. */
export function localClusterBinary(): string {
  return (
    process.env.KUBE_PLATFORM_LOCALCLUSTER_BIN ??
    path.join(LOCALCLUSTER_SRC, 'bin/localcluster')
  );
}

/** Runs `make build` in tools/localcluster when the binary is missing or older than its sources. */
export async function ensureLocalClusterBinary(): Promise<string> {
  const bin = localClusterBinary();
  if (process.env.KUBE_PLATFORM_LOCALCLUSTER_BIN) {
    return bin;
  }
  const built = fs.statSync(bin, { throwIfNoEntry: false })?.mtimeMs;
  const stale =
    built === undefined ||
    fs
      .readdirSync(LOCALCLUSTER_SRC)
      .filter(f => /\.go$|^go\.(mod|sum)$|^Makefile$/.test(f))
      .some(f => fs.statSync(path.join(LOCALCLUSTER_SRC, f)).mtimeMs > built);
  if (stale) {
    await new Promise<void>((resolve, reject) => {
      execFile(
        'make',
        ['build'],
        { cwd: LOCALCLUSTER_SRC, maxBuffer: 64 * 1024 * 1024 },
        (error, _stdout, stderr) =>
          error
            ? reject(
                new Error(
                  `make build in ${LOCALCLUSTER_SRC} failed: ${stderr}`,
                ),
              )
            : resolve(),
      );
    });
  }
  return bin;
}

/** Contents of `<data-dir>/cluster.json`, written by localcluster once it is ready. */
export interface ClusterInfo {
  name: string;
  server: string;
  caData: string;
  adminToken: string;
  kubeconfig: string;
  pid: number;
  /** Client URL of the embedded etcd (absent when written by an older binary). */
  etcdServer?: string;
  /** Whether the cluster serves `metrics.k8s.io` (absent when written by a binary without it). */
  metrics?: boolean;
}

/** Reads `<data-dir>/cluster.json`, or undefined when it does not exist. */
export function readClusterInfo(dataDir: string): ClusterInfo | undefined {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(dataDir, 'cluster.json'), 'utf8'),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** Asks the kernel for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
export async function isPortFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A running (or killed) local Kubernetes control plane. */
export interface LocalCluster {
  /** Cluster name, e.g. `cluster-1`. */
  readonly name: string;
  /** Apiserver URL, `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** Apiserver port. */
  readonly port: number;
  /** Cluster CA, base64 PEM (as in kubeconfig `certificate-authority-data`). */
  readonly caData: string;
  /** Token of the admin user (group system:masters): for setting up and inspecting the cluster only. */
  readonly adminToken: string;
  /**
   * Token of the Kube Platform backend's least-privilege ServiceAccount
   * (`kube-platform-system/kube-platform`, deploy/kubernetes/kube-platform-backend.yaml).
   */
  readonly platformToken: string;
  /** A kubeconfig acting as the Kube Platform backend ({@link LocalCluster.platformToken}). */
  readonly platformKubeConfig: KubeConfig;
  /**
   * Token of the stock Kubernetes plugin's read-only ServiceAccount
   * (`kube-platform-system/backstage-kubernetes-reader`).
   */
  readonly stockReaderToken: string;
  /** Labels the cluster was started with. */
  readonly labels: Record<string, string>;
  /**
   * Whether the cluster serves `metrics.k8s.io/v1beta1` (simulated NodeMetrics
   * and PodMetrics; false when started with `--metrics=false`).
   */
  readonly metrics: boolean;
  /** localcluster data dir (etcd, pki, cluster.json). */
  readonly dataDir: string;
  /** Admin kubeconfig: for setting up and inspecting the cluster, never to act as the platform. */
  readonly kubeConfig: KubeConfig;
  /** Current pid of the localcluster process. */
  readonly pid: number;
  /** True when this process started the cluster (and `stop()` will stop it). */
  readonly owned: boolean;
  /** A kubeconfig for the same cluster authenticating with `token`. */
  kubeConfigFor(token: string): KubeConfig;
  /** Whether GET /readyz (as admin) answers `ok` right now. */
  isReady(): Promise<boolean>;
  /** SIGKILLs the process and resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts the cluster again on the same port and data dir and waits until ready. */
  restart(): Promise<void>;
  /**
   * SIGSTOPs the process: connections are still accepted by the kernel but never
   * answered, as with a hung API server. Always `resume()` in a `finally`.
   */
  pause(): void;
  /** SIGCONTs a paused process. */
  resume(): void;
  /** SIGTERMs the process and waits for it, if this process owns it; otherwise does nothing. */
  stop(): Promise<void>;
  /**
   * Compacts the cluster's etcd to a fresh revision (`localcluster compact`) and
   * resolves with it: every resourceVersion handed out before the call is then
   * too old, so a watch or list continuation that reaches etcd with one gets
   * 410 Gone. The apiserver's watch cache still serves watches of cached
   * resources from memory; Events are uncached, and a restart empties the cache.
   */
  compact(): Promise<number>;
}

/** Options of {@link startLocalCluster}. */
export interface StartLocalClusterOptions {
  /** Cluster name. */
  name: string;
  /** Apiserver port. */
  port: number;
  /** Clusters dir; the data dir is `<clustersDir>/<name>` (same layout as `scripts/clusters`). */
  clustersDir: string;
  /** Labels for the cluster and its simulated nodes. */
  labels?: Record<string, string>;
  /** Serve `metrics.k8s.io` (default true); false starts it with `--metrics=false`. */
  metrics?: boolean;
}

interface LaunchSpec {
  name: string;
  port: number;
  clustersDir: string;
  labels: Record<string, string>;
  metrics: boolean;
  adminToken: string;
  kubeconfigOut: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie (exited, not yet reaped by its parent) is not alive.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

function logTail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Processes this module started and still has to stop; killed on process exit. */
const ownedChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackChild(child: ChildProcess) {
  ownedChildren.add(child);
  child.once('exit', () => ownedChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of ownedChildren) {
        c.kill('SIGKILL');
      }
    });
  }
}

class LocalClusterProcess implements LocalCluster {
  readonly server: string;
  readonly caData: string;
  readonly kubeConfig: KubeConfig;
  #pid: number;
  #child?: ChildProcess;
  #platformKubeConfig?: KubeConfig;

  constructor(
    private readonly spec: LaunchSpec,
    info: ClusterInfo,
    readonly owned: boolean,
    child?: ChildProcess,
  ) {
    this.server = info.server;
    this.caData = info.caData;
    this.#pid = info.pid;
    this.#child = child;
    this.kubeConfig = this.kubeConfigFor(spec.adminToken, 'admin');
  }

  get name() {
    return this.spec.name;
  }
  get port() {
    return this.spec.port;
  }
  get adminToken() {
    return this.spec.adminToken;
  }
  get platformToken() {
    // Read when asked, so that suites not acting as the platform still run
    // against clusters started before the identities existed.
    return readPlatformIdentityToken(
      this.dataDir,
      this.name,
      PLATFORM_IDENTITIES.platform,
    );
  }
  get platformKubeConfig() {
    this.#platformKubeConfig ??= this.kubeConfigFor(
      this.platformToken,
      PLATFORM_IDENTITIES.platform.serviceAccount,
    );
    return this.#platformKubeConfig;
  }
  get stockReaderToken() {
    return readPlatformIdentityToken(
      this.dataDir,
      this.name,
      PLATFORM_IDENTITIES.stockReader,
    );
  }
  get labels() {
    return this.spec.labels;
  }
  get metrics() {
    return this.spec.metrics;
  }
  get dataDir() {
    return path.join(this.spec.clustersDir, this.spec.name);
  }
  get pid() {
    return this.#pid;
  }

  kubeConfigFor(token: string, user = 'user'): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: this.name, server: this.server, caData: this.caData }],
      users: [{ name: user, token }],
      contexts: [{ name: this.name, cluster: this.name, user }],
      currentContext: this.name,
    });
    return kc;
  }

  isReady(): Promise<boolean> {
    return new Promise(resolve => {
      const req = https.get(
        `${this.server}/readyz`,
        {
          ca: Buffer.from(this.caData, 'base64'),
          headers: { Authorization: `Bearer ${this.adminToken}` },
          agent: false,
          timeout: 2000,
        },
        res => {
          let body = '';
          res.on('data', chunk => (body += chunk));
          res.on('end', () => resolve(res.statusCode === 200 && body === 'ok'));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
  }

  compact(): Promise<number> {
    return compactLocalCluster(localClusterBinary(), this.dataDir);
  }

  async kill(): Promise<void> {
    await this.#signalAndWait('SIGKILL', 10_000);
  }

  async restart(): Promise<void> {
    if (isAlive(this.#pid)) {
      throw new Error(`${this.name} is still running (pid ${this.#pid})`);
    }
    // Clusters started by someone else (scripts/clusters) outlive this process.
    const { child, info } = await launch(this.spec, !this.owned);
    this.#child = child;
    this.#pid = info.pid;
  }

  pause(): void {
    process.kill(this.#pid, 'SIGSTOP');
  }

  resume(): void {
    process.kill(this.#pid, 'SIGCONT');
  }

  async stop(): Promise<void> {
    if (!this.owned || !isAlive(this.#pid)) {
      return;
    }
    try {
      await this.#signalAndWait('SIGTERM', STOP_TIMEOUT_MS);
    } catch {
      await this.kill();
    }
  }

  async #signalAndWait(signal: NodeJS.Signals, timeoutMs: number) {
    const child = this.#child;
    const pid = this.#pid;
    const exited =
      child &&
      child.pid === pid &&
      child.exitCode === null &&
      child.signalCode === null
        ? new Promise(resolve => child.once('exit', resolve))
        : undefined;
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
        return;
      }
      throw error;
    }
    await waitFor(
      async () => {
        if (exited) {
          return Promise.race([
            exited.then(() => true),
            new Promise<false>(r => setTimeout(() => r(false), 100)),
          ]);
        }
        return !isAlive(pid);
      },
      {
        timeoutMs,
        intervalMs: 20,
        description: `${this.name} (pid ${pid}) to exit`,
      },
    );
  }
}

/** Spawns localcluster for `spec` and resolves once its cluster.json names the new pid. */
async function launch(
  spec: LaunchSpec,
  detached: boolean,
): Promise<{ child: ChildProcess; info: ClusterInfo }> {
  const bin = await ensureLocalClusterBinary();
  const dataDir = path.join(spec.clustersDir, spec.name);
  const logFile = path.join(spec.clustersDir, `${spec.name}.log`);
  fs.mkdirSync(dataDir, { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const labels = Object.entries(spec.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const child = spawn(
    bin,
    [
      // Same argument shape as scripts/clusters, whose pid check looks for
      // "--data-dir <dir>" in the command line.
      ...['--name', spec.name, '--port', String(spec.port)],
      ...['--data-dir', dataDir, '--labels', labels],
      ...['--kubeconfig-out', spec.kubeconfigOut],
      ...['--tokens', DEMO_TOKENS_FLAG, '--admin-token', spec.adminToken],
      ...(spec.metrics ? [] : ['--metrics=false']),
      ...platformIdentityArgs(REPO_ROOT, dataDir),
    ],
    { stdio: ['ignore', out, out], detached },
  );
  fs.closeSync(out);
  if (detached) {
    child.unref();
  } else {
    trackChild(child);
  }
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`could not start ${bin}`);
  }
  fs.writeFileSync(path.join(spec.clustersDir, `${spec.name}.pid`), `${pid}\n`);

  let exitedEarly: string | undefined;
  child.once('exit', (code, signal) => {
    exitedEarly = `exited with ${signal ?? `code ${code}`}`;
  });
  try {
    const info = await waitFor(
      () => {
        if (exitedEarly) {
          throw new Error(exitedEarly);
        }
        const current = readClusterInfo(dataDir);
        return current?.pid === pid ? current : undefined;
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 100,
        description: `localcluster ${spec.name} on port ${spec.port} to be ready`,
      },
    );
    return { child, info };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `${(error as Error).message}\n--- ${logFile}\n${logTail(
        logFile,
      )}\n--- ${dataDir}/localcluster.log\n${logTail(
        path.join(dataDir, 'localcluster.log'),
      )}`,
    );
  }
}

function readOrCreateAdminToken(dataDir: string): string {
  const file = path.join(dataDir, 'admin-token');
  try {
    const token = fs.readFileSync(file, 'utf8').trim();
    if (token) {
      return token;
    }
  } catch {
    // created below
  }
  const token = randomBytes(24).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** Starts one localcluster owned by this process and waits until it is ready. */
export async function startLocalCluster(
  options: StartLocalClusterOptions,
): Promise<LocalCluster> {
  const { name, port, clustersDir, labels = {}, metrics = true } = options;
  const spec: LaunchSpec = {
    name,
    port,
    clustersDir,
    labels,
    metrics,
    adminToken: readOrCreateAdminToken(path.join(clustersDir, name)),
    kubeconfigOut: path.join(clustersDir, `${name}.kubeconfig`),
  };
  const { child, info } = await launch(spec, false);
  return new LocalClusterProcess(spec, info, true, child);
}

/** Wraps a cluster someone else started in `<clustersDir>/<name>` (e.g. `scripts/clusters up`). */
export function attachLocalCluster(
  clustersDir: string,
  name: string,
  labels: Record<string, string> = {},
): LocalCluster {
  const info = readClusterInfo(path.join(clustersDir, name));
  if (!info) {
    throw new Error(
      `${path.join(
        clustersDir,
        name,
        'cluster.json',
      )} not found; is the cluster running (scripts/clusters up)?`,
    );
  }
  const spec: LaunchSpec = {
    name,
    port: Number(new URL(info.server).port),
    clustersDir,
    labels,
    metrics: info.metrics === true,
    adminToken: info.adminToken,
    kubeconfigOut: info.kubeconfig,
  };
  return new LocalClusterProcess(spec, info, false);
}

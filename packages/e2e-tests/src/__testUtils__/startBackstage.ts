import {
  freePort,
  kubePlatformClustersConfig,
  waitFor,
} from '@kube-platform/localcluster-testing';
import type { LocalCluster } from '@kube-platform/localcluster-testing';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
const cli = require.resolve('@backstage/cli/bin/backstage-cli');

/** A running Backstage (frontend dev server and backend) configured with local clusters. */
export interface RunningBackstage {
  appUrl: string;
  backendUrl: string;
  /** A guest user's Backstage token (user:default/alice, platform-team). */
  token(): Promise<string>;
  stop(): Promise<void>;
}

function startPackage(dir: string, configFile: string, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'w');
  return spawn(
    process.execPath,
    [cli, 'package', 'start', '--config', path.join(repoRoot, 'app-config.yaml'), '--config', configFile],
    {
      cwd: path.join(repoRoot, dir),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
    },
  );
}

/**
 * Starts packages/backend and packages/app as `./scripts/dev` would, on free ports,
 * with the given clusters registered for Kube Platform.
 */
export async function startBackstage(clusters: LocalCluster[]): Promise<RunningBackstage> {
  const [appPort, backendPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-'));
  const configFile = path.join(workdir, 'app-config.e2e.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: appUrl },
      backend: { baseUrl: backendUrl, listen: { port: backendPort }, cors: { origin: appUrl } },
      kubePlatform: {
        health: { frequency: { seconds: 1 } },
        clusters: kubePlatformClustersConfig(clusters),
      },
    }),
  );
  const children = [
    startPackage('packages/backend', configFile, path.join(workdir, 'backend.log')),
    startPackage('packages/app', configFile, path.join(workdir, 'app.log')),
  ];
  const stop = async () => {
    for (const child of children) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await new Promise(resolve => child.once('exit', resolve));
      }
    }
    fs.rmSync(workdir, { recursive: true, force: true });
  };
  const logTail = () =>
    ['backend.log', 'app.log']
      .map(f => `--- ${f}\n${fs.readFileSync(path.join(workdir, f), 'utf8').slice(-3000)}`)
      .join('\n');
  try {
    await waitFor(async () => (await fetch(`${backendUrl}/api/kube-platform/health`)).ok, {
      timeoutMs: 240_000,
      intervalMs: 1_000,
      description: 'the backend',
    });
    await waitFor(async () => (await fetch(appUrl)).ok, {
      timeoutMs: 300_000,
      intervalMs: 1_000,
      description: 'the frontend dev server',
    });
  } catch (error) {
    const message = `${(error as Error).message}\n${logTail()}`;
    await stop();
    throw new Error(message);
  }
  return {
    appUrl,
    backendUrl,
    async token() {
      const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      return (await res.json()).backstageIdentity.token;
    },
    stop,
  };
}

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
  /** A Backstage token of the guest user ({@link StartBackstageOptions.guestUser}). */
  token(): Promise<string>;
  /** The end of the backend's (and frontend's) log, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

function startPackage(
  dir: string,
  configFile: string,
  logFile: string,
): ChildProcess {
  const log = fs.openSync(logFile, 'w');
  return spawn(
    process.execPath,
    [
      cli,
      'package',
      'start',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(repoRoot, dir),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
    },
  );
}

/** How to start Backstage for a test. */
export interface StartBackstageOptions {
  /**
   * The user guest sign-in resolves to (`auth.providers.guest.userEntityRef`);
   * defaults to `user:default/alice` (platform-team).
   */
  guestUser?: string;
  /**
   * Directory of every plugin's SQLite file. Defaults to one of this start's own,
   * removed on stop; pass one to keep what a start created for the next (as
   * another user). Never app-config.yaml's `.local/sqlite`, which `./scripts/dev` uses.
   */
  databaseDir?: string;
  /** Start the frontend dev server too; defaults to true. */
  frontend?: boolean;
}

/**
 * Starts packages/backend and packages/app as `./scripts/dev` would, on free ports,
 * with the given clusters registered for Kube Platform.
 */
export async function startBackstage(
  clusters: LocalCluster[],
  options: StartBackstageOptions = {},
): Promise<RunningBackstage> {
  const withFrontend = options.frontend ?? true;
  const [appPort, backendPort] = [await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-'));
  const configFile = path.join(workdir, 'app-config.e2e.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      app: { baseUrl: appUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: backendPort },
        cors: { origin: appUrl },
        database: {
          client: 'better-sqlite3',
          connection: {
            directory: options.databaseDir ?? path.join(workdir, 'sqlite'),
          },
        },
      },
      auth: {
        providers: {
          guest: { userEntityRef: options.guestUser ?? 'user:default/alice' },
        },
      },
      kubePlatform: {
        health: { frequency: { seconds: 1 } },
        clusters: kubePlatformClustersConfig(clusters),
      },
    }),
  );
  const logs = withFrontend ? ['backend.log', 'app.log'] : ['backend.log'];
  const children = [
    startPackage(
      'packages/backend',
      configFile,
      path.join(workdir, 'backend.log'),
    ),
    ...(withFrontend
      ? [
          startPackage(
            'packages/app',
            configFile,
            path.join(workdir, 'app.log'),
          ),
        ]
      : []),
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
    logs
      .map(
        f =>
          `--- ${f}\n${fs
            .readFileSync(path.join(workdir, f), 'utf8')
            .slice(-3000)}`,
      )
      .join('\n');
  try {
    await waitFor(
      async () => (await fetch(`${backendUrl}/api/kube-platform/health`)).ok,
      {
        timeoutMs: 240_000,
        intervalMs: 1_000,
        description: 'the backend',
      },
    );
    if (withFrontend) {
      await waitFor(async () => (await fetch(appUrl)).ok, {
        timeoutMs: 300_000,
        intervalMs: 1_000,
        description: 'the frontend dev server',
      });
    }
  } catch (error) {
    const message = `${(error as Error).message}\n${logTail()}`;
    await stop();
    throw new Error(message);
  }
  return {
    appUrl,
    backendUrl,
    async token() {
      // Patient: a backend in watch mode answers 503 while it restarts after an edit.
      return waitFor(
        async () => {
          const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
            headers: { 'x-requested-with': 'XMLHttpRequest' },
          }).catch(() => undefined);
          return (
            res?.ok && ((await res.json()).backstageIdentity.token as string)
          );
        },
        { timeoutMs: 120_000, intervalMs: 1_000, description: 'a guest token' },
      );
    },
    logTail,
    stop,
  };
}

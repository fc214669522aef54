import { freePort, waitFor } from '@kube-platform/localcluster-testing';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const backendDir = path.resolve(__dirname, '../..');
const cli = require.resolve('@backstage/cli/bin/backstage-cli');

/** The whole backend as a real process, as `./scripts/dev` runs it. */
export interface BackendProcess {
  baseUrl: string;
  /** A fresh guest token, once the catalog resolves the guest's group memberships. */
  token(): Promise<string>;
  /** Calls the backend; JSON bodies are parsed. */
  api(
    route: string,
    init?: RequestInit & { token?: string },
  ): Promise<{ status: number; body: any; text: string }>;
  stop(): Promise<void>;
}

/**
 * Starts packages/backend with app-config.yaml plus `config`, on a free port,
 * logging to `<workdir>/backend-<n>.log`. Resolves once /health answers.
 */
export async function startBackendProcess(options: {
  workdir: string;
  config: { backend?: object; [key: string]: unknown };
}): Promise<BackendProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const stamp = Date.now();
  const configFile = path.join(options.workdir, `app-config.${stamp}.json`);
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      ...options.config,
      app: { baseUrl },
      backend: {
        ...options.config.backend,
        baseUrl,
        listen: { port },
        cors: { origin: baseUrl },
      },
    }),
  );
  const logFile = path.join(options.workdir, `backend.${stamp}.log`);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      'package',
      'start',
      '--config',
      '../../app-config.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      detached: true,
      stdio: ['ignore', fs.openSync(logFile, 'w'), fs.openSync(logFile, 'a')],
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  };
  await waitFor(
    async () => (await fetch(`${baseUrl}/api/kube-platform/health`)).ok,
    {
      timeoutMs: 180_000,
      intervalMs: 500,
      description: 'the backend to serve /health',
    },
  ).catch(async error => {
    await stop();
    throw new Error(
      `${error.message}\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`,
    );
  });

  async function token() {
    return waitFor(
      async () => {
        const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
          headers: { 'x-requested-with': 'XMLHttpRequest' },
        });
        const { backstageIdentity } = await res.json();
        const refs: string[] =
          backstageIdentity.identity?.ownershipEntityRefs ?? [];
        return (
          refs.some(ref => ref.startsWith('group:')) &&
          (backstageIdentity.token as string)
        );
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'the guest to resolve to a catalog user',
      },
    );
  }
  let cached: string | undefined;
  return {
    baseUrl,
    token,
    async api(route, init = {}) {
      const bearer = init.token ?? (cached ??= await token());
      const res = await fetch(`${baseUrl}${route}`, {
        ...init,
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          ...(init.headers ?? {}),
        },
      });
      const text = await res.text();
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: res.status, body, text };
    },
    stop,
  };
}

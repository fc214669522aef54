// Start-up time of tools/localcluster: one cluster alone, then three in
// parallel, each from process start to its "ready" line, with fresh data dirs.
//
//   node --experimental-strip-types --disable-warning=MODULE_TYPELESS_PACKAGE_JSON \
//     bench/localcluster-startup.ts [--runs N] [--base-port P]
//
// Ports P.. (default 18443, away from the demo's 16443 and the tests' 17443).
// Builds the binary first if it is missing or stale (not timed).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(process.argv[1]), '..');
const srcDir = path.join(root, 'tools/localcluster');
const bin = path.join(srcDir, 'bin/localcluster');

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer`);
  }
  return value;
}

const runs = flag('--runs', 3);
const basePort = flag('--base-port', 18443);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'localcluster-bench-'));
const children = new Set<ChildProcess>();

function ensureBinary() {
  const built = fs.statSync(bin, { throwIfNoEntry: false })?.mtimeMs;
  const stale =
    built === undefined ||
    fs
      .readdirSync(srcDir)
      .filter(f => /\.go$|^go\.(mod|sum)$|^Makefile$/.test(f))
      .some(f => fs.statSync(path.join(srcDir, f)).mtimeMs > built);
  if (stale) {
    process.stderr.write('building tools/localcluster (make build)...\n');
    execFileSync('make', ['build'], { cwd: srcDir, stdio: 'inherit' });
  }
}

/** Starts one cluster and resolves with the ms from spawn to its ready line. */
function start(name: string, port: number): Promise<number> {
  const dataDir = path.join(workDir, name);
  const t0 = performance.now();
  const child = spawn(
    bin,
    ['--name', name, '--port', String(port), '--data-dir', dataDir, '--reset'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready after 120 s`)),
      120_000,
    );
    child.stderr?.on('data', chunk => (err += chunk));
    child.stdout?.on('data', chunk => {
      out += chunk;
      if (new RegExp(`^localcluster ${name} ready `, 'm').test(out)) {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before ready: ${err.trim()}`));
    });
  });
}

/** SIGTERMs every running cluster and waits for them to exit. */
async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      child =>
        new Promise(resolve => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  ensureBinary();
  const single: number[] = [];
  const parallel: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const one = await start(`bench-one-${run}`, basePort);
    await stopAll();

    const t0 = performance.now();
    const each = await Promise.all(
      [1, 2, 3].map(i => start(`bench-par-${run}-${i}`, basePort + i)),
    );
    const all = performance.now() - t0;
    await stopAll();

    single.push(one);
    parallel.push(all);
    process.stdout.write(
      `run ${run}: one cluster ${fmt(one)}; three in parallel ${fmt(all)} ` +
        `(each ${each.map(fmt).join(', ')}); ratio ${(all / one).toFixed(2)}\n`,
    );
  }
  const one = median(single);
  const three = median(parallel);
  process.stdout.write(
    `median of ${runs} run(s) on ${os.cpus().length} CPU(s): one cluster ${fmt(
      one,
    )}, ` +
      `three in parallel ${fmt(three)}, ratio three/one ${(three / one).toFixed(
        2,
      )}\n`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    fs.rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  });
}

main()
  .catch(async error => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exitCode = 1;
    await stopAll();
  })
  .finally(() => fs.rmSync(workDir, { recursive: true, force: true }));

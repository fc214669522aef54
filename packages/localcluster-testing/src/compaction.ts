import { execFile } from 'node:child_process';

const COMPACT_TIMEOUT_MS = 60_000;

/**
 * Runs `localcluster compact --data-dir <dataDir>` against the cluster running
 * there and resolves with the etcd revision it compacted to. Afterwards every
 * resourceVersion handed out before the call is too old for etcd.
 */
export function compactLocalCluster(
  binary: string,
  dataDir: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      ['compact', '--data-dir', dataDir],
      { timeout: COMPACT_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const revision = /^compacted (\d+)$/m.exec(stdout)?.[1];
        if (error || !revision) {
          reject(
            new Error(
              `localcluster compact --data-dir ${dataDir} failed: ${
                stderr.trim() ||
                error?.message ||
                `unexpected output '${stdout}'`
              }`,
            ),
          );
          return;
        }
        resolve(Number(revision));
      },
    );
  });
}

import { LocalClusterSet, startLocalClusters } from './harness';
import { HARNESS_BASE_PORT, TEST_CLUSTERS_ENV } from './specs';

const KEY = '__kubePlatformLocalClusters';

/**
 * Jest globalSetup: unless `$KUBE_PLATFORM_TEST_CLUSTERS` is set, starts one
 * set of clusters (port 17443, temp dir) shared by all test files of the run.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_CLUSTERS_ENV]) {
    return;
  }
  const set = await startLocalClusters({ basePort: HARNESS_BASE_PORT });
  // Test workers are forked after this and inherit the variable.
  process.env[TEST_CLUSTERS_ENV] = set.dir;
  (globalThis as Record<string, unknown>)[KEY] = set;
}

/** Jest globalTeardown: stops what {@link globalSetup} started. */
export async function globalTeardown(): Promise<void> {
  const set = (globalThis as Record<string, unknown>)[KEY] as
    | LocalClusterSet
    | undefined;
  if (set) {
    delete (globalThis as Record<string, unknown>)[KEY];
    delete process.env[TEST_CLUSTERS_ENV];
    await set.stop();
  }
}

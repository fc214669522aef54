import fs from 'node:fs';
import path from 'node:path';
import {
  PLATFORM_IDENTITIES,
  PLATFORM_MANIFESTS,
  PLATFORM_NAMESPACE,
  PlatformIdentity,
} from './specs';

/**
 * The localcluster flags that apply deploy/kubernetes and write the tokens of
 * its ServiceAccounts into the data dir, as `scripts/clusters` passes them.
 */
export function platformIdentityArgs(
  repoRoot: string,
  dataDir: string,
): string[] {
  return [
    ...PLATFORM_MANIFESTS.flatMap(file => [
      '--apply',
      path.join(repoRoot, file),
    ]),
    ...Object.values(PLATFORM_IDENTITIES).flatMap(identity => [
      '--token-out',
      `${PLATFORM_NAMESPACE}/${identity.tokenSecret}=${path.join(
        dataDir,
        identity.tokenFile,
      )}`,
    ]),
  ];
}

/** The token localcluster wrote for `identity`; throws a remedy when the cluster predates it. */
export function readPlatformIdentityToken(
  dataDir: string,
  cluster: string,
  identity: PlatformIdentity,
): string {
  const file = path.join(dataDir, identity.tokenFile);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${file} not found: ${cluster} was started without the token of ${PLATFORM_NAMESPACE}/${identity.serviceAccount} (by an older tools/localcluster?); restart it (scripts/clusters down, then up)`,
      );
    }
    throw error;
  }
}

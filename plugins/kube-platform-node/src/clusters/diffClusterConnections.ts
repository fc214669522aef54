import { isDeepStrictEqual } from 'node:util';
import type { ClusterConnection } from '../clusterConfig';

/** What a supplier's new list of connections changes about its current ones. */
export interface ClusterConnectionDiff {
  /** Names not supplied before. */
  added: string[];
  /** Names no longer supplied. */
  removed: string[];
  /** Names supplied again with another URL, CA, token, labels or any other field. */
  changed: string[];
}

/** Compares one supplier's current connections with its next ones, by name. */
export function diffClusterConnections(
  current: ReadonlyMap<string, ClusterConnection>,
  next: ReadonlyMap<string, ClusterConnection>,
): ClusterConnectionDiff {
  const diff: ClusterConnectionDiff = { added: [], removed: [], changed: [] };
  for (const [name, connection] of next) {
    const before = current.get(name);
    if (!before) diff.added.push(name);
    else if (!isDeepStrictEqual(before, connection)) diff.changed.push(name);
  }
  for (const name of current.keys()) {
    if (!next.has(name)) diff.removed.push(name);
  }
  return diff;
}

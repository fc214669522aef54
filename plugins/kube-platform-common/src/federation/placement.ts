import { matchesLabelSelector } from '../labelSelector';
import type { FederatedApp } from './federatedApp';

/** A registered cluster as placement sees it. */
export interface PlacementCluster {
  name: string;
  labels: Record<string, string>;
}

/** Result of {@link resolvePlacement}. */
export interface ResolvedPlacement {
  /** Clusters the app is rendered on, sorted by name. */
  clusters: string[];
  /** Names the app mentions (placement, overrides, preferences) that are not registered, sorted. */
  unknownClusters: string[];
}

/**
 * Picks the target clusters of an app. Without replicaScheduling the placement
 * decides. With it, as KubeFed's ReplicaSchedulingPreference: clusters named in its
 * preferences (all, with `'*'`) are the candidates; `intersectWithClusterSelector`
 * keeps only those the placement also selects, otherwise the preferences override
 * the placement.
 */
export function resolvePlacement(
  app: Pick<FederatedApp, 'placement' | 'overrides' | 'replicaScheduling'>,
  clusters: readonly PlacementCluster[],
): ResolvedPlacement {
  const registered = new Set(clusters.map(c => c.name));
  const { placement, replicaScheduling } = app;
  const placed = placement.clusters
    ? new Set(
        placement.clusters.map(c => c.name).filter(n => registered.has(n)),
      )
    : new Set(
        clusters
          .filter(c =>
            matchesLabelSelector(c.labels, placement.clusterSelector ?? {}),
          )
          .map(c => c.name),
      );

  let targets = [...placed];
  if (replicaScheduling) {
    const prefs = replicaScheduling.clusters;
    const eligible = (name: string) => name in prefs || '*' in prefs;
    const candidates = replicaScheduling.intersectWithClusterSelector
      ? [...placed]
      : [...registered];
    targets = candidates.filter(eligible);
  }

  const mentioned = [
    ...(placement.clusters ?? []).map(c => c.name),
    ...app.overrides.map(o => o.clusterName),
    ...Object.keys(replicaScheduling?.clusters ?? {}).filter(n => n !== '*'),
  ];
  return {
    clusters: sortedUnique(targets),
    unknownClusters: sortedUnique(mentioned.filter(n => !registered.has(n))),
  };
}

function sortedUnique(names: string[]): string[] {
  return [...new Set(names)].sort();
}

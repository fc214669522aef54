import type { ClusterHealth } from '@kube-platform/plugin-kube-platform-common';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterRegistry } from '../clusterRegistry';
import { assertClusterReady } from '../health/assertClusterReady';
import { ManifestApplier } from '../apply/ManifestApplier';
import { applyInOrder } from './applyInOrder';
import { preflightCluster, type PreflightOutcome } from './preflight';
import { pruneByInventory } from './pruneByInventory';
import {
  type DesiredClusterObjects,
  type EngineObjectResult,
  type EngineOwner,
  type EngineProgressListener,
  type InventoryStore,
  type ObjectRef,
  refKey,
  refOf,
  resultOf,
} from './types';

/** One provisioning request: an owner's desired objects on each of its clusters. */
export interface EngineRequest {
  owner: EngineOwner;
  clusters: DesiredClusterObjects[];
  /** Pre-flight only: nothing is applied. */
  dryRun?: boolean;
  /** Take back fields other managers own (platform admins only; the caller decides). */
  reclaim?: boolean;
  onProgress?: EngineProgressListener;
}

/** What happened on one cluster. */
export interface EngineClusterResult {
  cluster: string;
  results: EngineObjectResult[];
  /** Anything created, configured or deleted. */
  changed: boolean;
}

const CHANGES = new Set(['created', 'configured', 'deleted']);

/**
 * The one pipeline every provisioning flow uses (tenants, federated apps,
 * vclusters): pre-flight on every cluster (dry-run of every object where it
 * will run), then apply without taking other managers' fields, record the
 * exact inventory, and prune what the inventory had and the request no longer
 * wants. If any cluster fails pre-flight, nothing is applied anywhere.
 */
export class ProvisioningEngine {
  private readonly appliers = new Map<string, ManifestApplier>();
  /** Appliers of other identities, for as long as their `KubeConfig` lives. */
  private readonly appliersAs = new WeakMap<KubeConfig, ManifestApplier>();

  constructor(
    private readonly deps: {
      clusterRegistry: Pick<ClusterRegistry, 'getKubeConfig'> &
        Partial<Pick<ClusterRegistry, 'onChange'>>;
      /** A NotReady cluster fails a request at once (503) instead of after timeouts. */
      clusterHealth: { getHealth(name: string): ClusterHealth };
      inventory: InventoryStore;
      /** Where a dry-run-only request dry-runs the objects of a namespace that does not exist yet. */
      fallbackNamespace: string;
    },
  ) {
    // A cluster replaced or removed at run time: its next applier uses the new connection.
    deps.clusterRegistry.onChange?.(change => {
      for (const name of change.removed) this.appliers.delete(name);
    });
  }

  /** Fails at once (503, with the cluster's health) when the health monitor says NotReady. */
  assertReady(cluster: string): void {
    assertClusterReady(this.deps.clusterHealth, cluster);
  }

  /**
   * One applier per cluster, reused; a run acting as another identity gets an
   * applier of its own, reused while the caller hands the same `KubeConfig`
   * (a cached role token). API discovery and connections are per cluster
   * whatever the identity (see `kubeConfigAs`).
   */
  applierFor(cluster: string, as?: KubeConfig): ManifestApplier {
    if (as) {
      let applierAs = this.appliersAs.get(as);
      if (!applierAs) {
        applierAs = new ManifestApplier(as);
        this.appliersAs.set(as, applierAs);
      }
      return applierAs;
    }
    let applier = this.appliers.get(cluster);
    if (!applier) {
      applier = new ManifestApplier(
        this.deps.clusterRegistry.getKubeConfig(cluster),
      );
      this.appliers.set(cluster, applier);
    }
    return applier;
  }

  /** Runs a request; throws the first cluster's error after every cluster settled. */
  async run(request: EngineRequest): Promise<EngineClusterResult[]> {
    for (const desired of request.clusters) {
      assertClusterReady(this.deps.clusterHealth, desired.cluster);
    }
    const onProgress = request.onProgress ?? (() => {});
    const preflights = await settleAll(
      request.clusters.map(desired =>
        preflightCluster(
          this.applierFor(desired.cluster, desired.kubeConfig),
          desired,
          {
            dryRunOnly: Boolean(request.dryRun),
            fallbackNamespace: this.deps.fallbackNamespace,
            reclaim: Boolean(request.reclaim),
          },
        ),
      ),
    );
    if (request.dryRun) {
      return request.clusters.map(desired => dryRunResult(desired, onProgress));
    }
    return settleAll(
      request.clusters.map((desired, i) =>
        this.applyCluster(request, desired, preflights[i], onProgress),
      ),
    );
  }

  private async applyCluster(
    request: EngineRequest,
    desired: DesiredClusterObjects,
    preflight: PreflightOutcome,
    onProgress: EngineProgressListener,
  ): Promise<EngineClusterResult> {
    const applier = this.applierFor(desired.cluster, desired.kubeConfig);
    const stored = await this.deps.inventory.get(
      request.owner,
      desired.cluster,
    );
    const previous = stored ?? [];
    const wanted = desired.objects.map(refOf);
    let results: EngineObjectResult[];
    try {
      results = await applyInOrder(applier, desired, {
        reclaim: Boolean(request.reclaim),
        onProgress,
        already: preflight.created,
        absent: preflight.absent,
      });
    } catch (error) {
      // What was applied is ours to prune later, even though the run failed.
      const applied = (
        (error as { results?: EngineObjectResult[] }).results ?? []
      ).filter(r => CHANGES.has(r.outcome) || r.outcome === 'unchanged');
      await this.recordInventory(
        request.owner,
        desired.cluster,
        union(
          previous,
          wanted.filter(w => applied.some(a => sameObject(a, w))),
        ),
      );
      throw error;
    }
    const recorded = union(previous, wanted);
    // A write that would store what is already there is skipped (a redeploy, or nothing to prune).
    if (!stored || !sameRefs(recorded, previous)) {
      await this.recordInventory(request.owner, desired.cluster, recorded);
    }
    results.push(
      ...(await pruneByInventory(
        applier,
        desired.cluster,
        previous,
        wanted,
        onProgress,
      )),
    );
    if (!sameRefs(wanted, recorded)) {
      await this.recordInventory(request.owner, desired.cluster, wanted);
    }
    return {
      cluster: desired.cluster,
      results,
      changed: results.some(r => CHANGES.has(r.outcome)),
    };
  }

  /**
   * Deletes every object of the owner on a cluster, by its inventory (or the
   * given objects when there is none yet), namespaced objects first.
   */
  async remove(
    owner: EngineOwner,
    cluster: string,
    fallback: ObjectRef[],
    as?: KubeConfig,
  ): Promise<EngineObjectResult[]> {
    assertClusterReady(this.deps.clusterHealth, cluster);
    const applier = this.applierFor(cluster, as);
    const objects = (await this.deps.inventory.get(owner, cluster)) ?? fallback;
    const results: EngineObjectResult[] = [];
    for (const ref of [...objects].sort(
      (a, b) => Number(a.kind === 'Namespace') - Number(b.kind === 'Namespace'),
    )) {
      const deleted = await applier.delete({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: ref,
      });
      results.push(
        resultOf(
          cluster,
          ref,
          deleted ? 'deleted' : 'skipped',
          deleted ? undefined : 'already gone',
        ),
      );
    }
    await this.deps.inventory.delete(owner, cluster);
    return results;
  }

  private recordInventory(
    owner: EngineOwner,
    cluster: string,
    objects: ObjectRef[],
  ) {
    return this.deps.inventory.set(owner, cluster, objects);
  }
}

function union(a: ObjectRef[], b: ObjectRef[]): ObjectRef[] {
  const byKey = new Map([...a, ...b].map(r => [refKey(r), r]));
  return [...byKey.values()];
}

function sameRefs(a: ObjectRef[], b: ObjectRef[]) {
  const keys = new Set(a.map(refKey));
  return (
    keys.size === new Set(b.map(refKey)).size &&
    b.every(r => keys.has(refKey(r)))
  );
}

function sameObject(result: EngineObjectResult, ref: ObjectRef) {
  return (
    result.kind === ref.kind &&
    result.name === ref.name &&
    (result.namespace ?? '') === (ref.namespace ?? '')
  );
}

function dryRunResult(
  desired: DesiredClusterObjects,
  onProgress: EngineProgressListener,
): EngineClusterResult {
  const results = desired.objects.map(m =>
    resultOf(
      desired.cluster,
      refOf(m),
      'skipped',
      'dry-run: accepted by the cluster, not applied',
    ),
  );
  results.forEach(onProgress);
  return { cluster: desired.cluster, results, changed: false };
}

/** Waits for every promise; then throws the first rejection, if any. */
async function settleAll<T>(promises: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find(s => s.status === 'rejected') as
    | PromiseRejectedResult
    | undefined;
  if (failed) throw failed.reason;
  return settled.map(s => (s as PromiseFulfilledResult<T>).value);
}

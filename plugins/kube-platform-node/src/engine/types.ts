import type { KubeConfig } from '@kubernetes/client-node';
import type {
  KubernetesManifest,
  TenantObjectResult,
} from '@kube-platform/plugin-kube-platform-common';

/** What a set of provisioned objects belongs to: a tenant, a federated app, a vcluster. */
export interface EngineOwner {
  kind: 'tenant' | 'federated-app' | 'vcluster';
  /** Unique within the kind, e.g. `<cluster>/<tenant>` or `<namespace>/<app>`. */
  id: string;
}

/** The exact identity of an object the engine applied. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** What happened to one object on one cluster. */
export type EngineObjectResult = TenantObjectResult & { cluster: string };

/** Called once per object as the engine goes, for streamed progress. */
export type EngineProgressListener = (result: EngineObjectResult) => void;

/** The objects one owner wants on one cluster, in the order they must be applied. */
export interface DesiredClusterObjects {
  cluster: string;
  objects: KubernetesManifest[];
  /**
   * The owner's own namespace, when the first object creates it: the engine
   * dry-runs the other objects inside it, creating it first if it is new.
   */
  namespace?: string;
  /**
   * Apply as this identity instead of the platform's: workloads go in as the
   * owning tenant's admin, so the platform itself needs no write rights on them.
   */
  kubeConfig?: KubeConfig;
}

/**
 * Remembers the exact objects applied for each owner on each cluster, so that
 * pruning deletes what was applied before and is no longer desired — never
 * what a re-rendered spec merely guesses at.
 */
export interface InventoryStore {
  get(owner: EngineOwner, cluster: string): Promise<ObjectRef[] | undefined>;
  set(owner: EngineOwner, cluster: string, objects: ObjectRef[]): Promise<void>;
  delete(owner: EngineOwner, cluster: string): Promise<void>;
}

/** The reference of a manifest. */
export function refOf(
  manifest: Pick<KubernetesManifest, 'apiVersion' | 'kind' | 'metadata'>,
): ObjectRef {
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    name: manifest.metadata.name,
    ...(manifest.metadata.namespace
      ? { namespace: manifest.metadata.namespace }
      : {}),
  };
}

/** A key that identifies an object within one cluster. */
export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The result line of an object. */
export function resultOf(
  cluster: string,
  ref: ObjectRef,
  outcome: EngineObjectResult['outcome'],
  message?: string,
): EngineObjectResult {
  return {
    cluster,
    kind: ref.kind,
    name: ref.name,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    outcome,
    ...(message ? { message } : {}),
  };
}

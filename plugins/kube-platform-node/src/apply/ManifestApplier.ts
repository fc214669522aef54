import type { KubernetesManifest } from '@kube-platform/plugin-kube-platform-common';
import { KUBE_PLATFORM_MANAGER } from '@kube-platform/plugin-kube-platform-common';
import {
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
} from '@kubernetes/client-node';
import { answerInWireForm, httpStatusOf } from './wireResponses';

/** Outcome of applying one object. */
export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

/** An error from the API server with its HTTP status and Status message. */
export interface KubernetesApiError extends Error {
  code?: number;
  body?: unknown;
}

/** The HTTP status of a client-node API error, if it is one. */
export function apiErrorStatus(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The API server's own message (the Status `message`), else the error message. */
export function apiErrorMessage(error: unknown): string {
  const body = (error as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body);
      if (typeof parsed?.message === 'string') return parsed.message;
    } catch {
      return body;
    }
  }
  if (body && typeof (body as { message?: unknown }).message === 'string') {
    return (body as { message: string }).message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * client-node serialises request bodies through its typed models, whose field
 * names differ from the wire format where they clash with JavaScript
 * (`default` is `_default` in LimitRangeItem, `from` is `_from` in
 * NetworkPolicyIngressRule). Plain manifests must go through the models first,
 * or those fields are silently dropped.
 */
function toModel(manifest: KubernetesManifest): KubernetesObject {
  return loadYaml<KubernetesObject>(JSON.stringify(manifest));
}

/**
 * Whether the API server answered 201 Created: the request created the object
 * (for a dry-run: the object does not exist, an apply would create it).
 */
export function answeredCreated(object: KubernetesObject): boolean {
  return httpStatusOf(object) === 201;
}

function outcomeOf(
  before: KubernetesObject | undefined,
  after: KubernetesObject,
): ApplyOutcome {
  const status = httpStatusOf(after);
  if (status === 201 || (status === undefined && !before)) return 'created';
  if (
    before &&
    before.metadata?.resourceVersion === after.metadata?.resourceVersion
  ) {
    return 'unchanged';
  }
  return 'configured';
}

function header(manifest: KubernetesManifest) {
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    metadata: {
      name: manifest.metadata.name,
      namespace: manifest.metadata.namespace,
    },
  };
}

/**
 * Server-side apply with one field manager, through `@kubernetes/client-node`.
 * Reports whether each object was created, changed or already as desired by
 * comparing resourceVersions: an apply that changes nothing keeps it.
 */
export class ManifestApplier {
  private readonly objects: KubernetesObjectApi;

  constructor(
    kubeConfig: KubeConfig,
    private readonly fieldManager: string = KUBE_PLATFORM_MANAGER,
  ) {
    // Objects come back as the API server's JSON: no typed model to build and dump back.
    this.objects = answerInWireForm(
      KubernetesObjectApi.makeApiClient(kubeConfig),
    );
  }

  /** The live object in wire form, or `undefined` when it does not exist. */
  async read<T extends KubernetesObject = KubernetesObject>(
    manifest: Pick<KubernetesManifest, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<T | undefined> {
    try {
      return (await this.objects.read(
        header(manifest as KubernetesManifest) as any,
      )) as T;
    } catch (error) {
      if (apiErrorStatus(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Server-side dry-run of an apply: admission and validation run, nothing is
   * stored. Without `force`, a field another manager owns fails it with 409,
   * as the apply would. {@link answeredCreated} tells whether the object
   * does not exist yet (the API server answers 201 Created).
   */
  async dryRun(
    manifest: KubernetesManifest,
    options: { force?: boolean } = { force: true },
  ): Promise<KubernetesObject> {
    return this.objects.patch(
      toModel(manifest),
      undefined,
      'All',
      this.fieldManager,
      options.force ?? false,
      PatchStrategy.ServerSideApply,
    );
  }

  /**
   * Applies the object and reports what changed. Without `force`, fields that
   * another field manager owns are not taken: the API server answers 409 and
   * changes nothing.
   *
   * Created is the API server's own answer (201). Unchanged compares the
   * resourceVersion with a read just before the patch, which `knownAbsent`
   * skips: a dry-run just now answered that the object does not exist, so
   * there is nothing to compare (should another writer create it in between,
   * the outcome is `configured`).
   */
  async apply(
    manifest: KubernetesManifest,
    options: { force?: boolean; knownAbsent?: boolean } = {},
  ): Promise<{ outcome: ApplyOutcome; object: KubernetesObject }> {
    const before = options.knownAbsent
      ? undefined
      : await this.read<KubernetesObject>(manifest);
    const object = await this.objects.patch<KubernetesObject>(
      toModel(manifest),
      undefined,
      undefined,
      this.fieldManager,
      options.force ?? false,
      PatchStrategy.ServerSideApply,
    );
    return { outcome: outcomeOf(before, object), object };
  }

  /**
   * Replaces the live object with exactly the manifest (a PUT at the live
   * resourceVersion): fields any other manager added are gone afterwards.
   * For repairs; an apply alone cannot remove fields it does not own.
   */
  async replace(
    manifest: KubernetesManifest,
  ): Promise<KubernetesObject | undefined> {
    const live = await this.read<KubernetesObject>(manifest);
    if (!live) return undefined;
    const body = toModel({
      ...manifest,
      metadata: {
        ...manifest.metadata,
        resourceVersion: live.metadata?.resourceVersion,
      } as KubernetesManifest['metadata'],
    });
    return this.objects.replace(body, undefined, undefined, this.fieldManager);
  }

  /** Deletes the object; `false` when it was already gone. */
  async delete(
    manifest: Pick<KubernetesManifest, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<boolean> {
    try {
      await this.objects.delete(
        header(manifest as KubernetesManifest) as any,
        undefined,
        undefined,
        undefined,
        undefined,
        'Background',
      );
      return true;
    } catch (error) {
      if (apiErrorStatus(error) === 404) return false;
      throw error;
    }
  }
}

import {
  ApiException,
  type Configuration,
  type KubernetesObject,
  KubernetesObjectApi,
  type RequestContext,
  type V1APIResource,
} from '@kubernetes/client-node';
import type { ApiDiscoveryCache } from './ApiDiscoveryCache';

/** The group version a request path is under (`/api/v1/...` → `v1`, `/apis/apps/v1/...` → `apps/v1`). */
export function apiVersionOfPath(path: string): string | undefined {
  const [root, first, second] = path.split('/').filter(Boolean);
  if (root === 'api' && first) return first;
  if (root === 'apis' && first && second) return `${first}/${second}`;
  return undefined;
}

/**
 * A 404 that says the resource type is not served (a removed CRD), as opposed
 * to an object that does not exist, which names the object in `details`.
 */
export function isUnknownResourceError(error: unknown): boolean {
  if (!(error instanceof ApiException) || error.code !== 404) return false;
  return !statusOf(error.body)?.details?.name;
}

/** The `Status` of an error body, which client-node hands over as JSON text or parsed. */
function statusOf(body: unknown): { details?: { name?: unknown } } | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? body : undefined;
}

/**
 * `KubernetesObjectApi` whose resource discovery goes through a cache shared by
 * every identity on the cluster, and is forgotten for a group version whose
 * resource path the API server no longer serves.
 */
export class DiscoveryCachedObjectApi extends KubernetesObjectApi {
  constructor(
    configuration: Configuration,
    private readonly discovery: ApiDiscoveryCache,
  ) {
    super(configuration);
  }

  protected override resource(
    apiVersion: string,
    kind: string,
    options?: Configuration,
  ): Promise<V1APIResource | undefined> {
    return this.discovery.resource(apiVersion, kind, async () => {
      // client-node's own request (its path, headers and error message), not its per-client cache.
      delete this.apiVersionResourceCache[apiVersion];
      await super.resource(apiVersion, kind, options);
      return this.apiVersionResourceCache[apiVersion];
    });
  }

  protected override async requestPromise<T extends KubernetesObject>(
    requestContext: RequestContext,
    type?: string,
    options?: Configuration,
  ): Promise<T> {
    try {
      return await super.requestPromise<T>(requestContext, type, options);
    } catch (error) {
      const apiVersion = apiVersionOfPath(
        new URL(requestContext.getUrl()).pathname,
      );
      if (apiVersion && isUnknownResourceError(error)) {
        this.discovery.invalidate(apiVersion);
      }
      throw error;
    }
  }
}

import type {
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';

/** The part of client-node's `ResponseContext` read here. */
interface ApiResponse {
  httpStatusCode: number;
  headers: Record<string, string | undefined>;
  body: { text(): Promise<string> };
}

type ProcessResponse = (
  response: ApiResponse,
  type?: string,
) => Promise<unknown>;

/** The HTTP status each wire-form object was answered with (201 = created by the request). */
const statuses = new WeakMap<object, number>();

/**
 * The HTTP status the API server answered `object` with, for an object an
 * API made by {@link answerInWireForm} returned; else `undefined`.
 */
export function httpStatusOf(object: object): number | undefined {
  return statuses.get(object);
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * Makes `objects` return every object (read, patch, replace, create) exactly
 * as the API server sent it, its JSON as `kubectl get -o json` shows it,
 * instead of client-node's typed model: no model to build and convert back,
 * fields no model knows are kept, timestamps stay the server's strings.
 * Answers of a named type (discovery, a delete's Status) and errors are
 * processed by client-node as before. Works on any `KubernetesObjectApi`,
 * including the discovery-cached one a `BoundedKubeConfig` makes.
 */
export function answerInWireForm<T extends KubernetesObjectApi>(objects: T): T {
  const api = objects as unknown as { processResponse: ProcessResponse };
  const modelled: ProcessResponse = api.processResponse.bind(objects);
  api.processResponse = async (response, type) => {
    const ok = response.httpStatusCode >= 200 && response.httpStatusCode < 300;
    if (
      !ok ||
      type !== undefined ||
      !isJson(response.headers['content-type'])
    ) {
      return modelled(response, type);
    }
    const object = JSON.parse(await response.body.text()) as KubernetesObject;
    statuses.set(object, response.httpStatusCode);
    return object;
  };
  return objects;
}

import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Services the actions need to call the kube-platform backend. */
export interface KubePlatformRequestDeps {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * Calls the kube-platform backend on behalf of `credentials` and returns the response;
 * a non-2xx answer becomes a `ResponseError` whose message ends with the backend's
 * own message (such as the invalid field), so that the task log shows it.
 */
export async function kubePlatformRequest(
  deps: KubePlatformRequestDeps,
  credentials: BackstageCredentials,
  path: string,
  init: { method: string; body?: unknown },
): Promise<Response> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'kube-platform',
  });
  const baseUrl = await deps.discovery.getBaseUrl('kube-platform');
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    if (error.cause.message) {
      error.message = `${error.message}: ${error.cause.message}`;
    }
    throw error;
  }
  return response;
}

/** Yields each non-empty line of a newline-delimited JSON body, parsed, as it arrives. */
export async function* readNdjson(response: Response): AsyncGenerator<unknown> {
  if (!response.body) {
    return;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) {
        yield JSON.parse(line);
      }
      newline = buffer.indexOf('\n');
    }
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest) {
    yield JSON.parse(rest);
  }
}

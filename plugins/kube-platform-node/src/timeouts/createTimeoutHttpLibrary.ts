import {
  type HttpLibrary,
  IsomorphicFetchHttpLibrary,
  type RequestContext,
  ResponseContext,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { ClusterTimeoutError } from './ClusterTimeoutError';

function describeRequest(request: RequestContext): string {
  return `${request.getHttpMethod()} ${new URL(request.getUrl()).pathname}`;
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown })?.name === 'AbortError';
}

/**
 * client-node's fetch library with a deadline on every request: an
 * `AbortSignal.timeout` handed to fetch, so a hung cluster's socket is destroyed
 * when it passes (not merely raced), and the abort surfaces as a
 * {@link ClusterTimeoutError}. The deadline covers the response body too, which
 * client-node reads after `send` resolves. A signal the caller set (for instance
 * with `withAbortSignal`) still aborts the request, with the caller's error.
 */
export function createTimeoutHttpLibrary(options: {
  cluster: string;
  timeoutMs: number;
  /** The library that sends; client-node's own by default. Tests pass a fake. */
  inner?: HttpLibrary;
  /** Told when the API server answers 401: the credentials are no longer valid. */
  onUnauthorized?: () => void;
}): HttpLibrary {
  const { cluster, timeoutMs } = options;
  const inner = options.inner ?? new IsomorphicFetchHttpLibrary();
  return wrapHttpLibrary({
    async send(request) {
      const deadline = AbortSignal.timeout(timeoutMs);
      const callerSignal = request.getSignal();
      request.setSignal(
        callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline,
      );
      const rethrow = (error: unknown): never => {
        if (deadline.aborted && !callerSignal?.aborted && isAbort(error)) {
          throw new ClusterTimeoutError(
            cluster,
            timeoutMs,
            describeRequest(request),
            {
              cause: error,
            },
          );
        }
        throw error;
      };
      let response: ResponseContext;
      try {
        response = await inner.send(request).toPromise();
      } catch (error) {
        return rethrow(error);
      }
      if (response.httpStatusCode === 401) options.onUnauthorized?.();
      const body = response.body;
      return new ResponseContext(response.httpStatusCode, response.headers, {
        text: () => body.text().catch(rethrow),
        binary: () => body.binary().catch(rethrow),
      });
    },
  });
}

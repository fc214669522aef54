/**
 * A call to a cluster that did not finish within its request timeout and was
 * aborted, socket and all. Answers 504 through Backstage's error handler, which
 * reads `statusCode`; it has no `code`, so it is never taken for an API server status.
 */
export class ClusterTimeoutError extends Error {
  readonly name = 'ClusterTimeoutError';
  /** Gateway Timeout: the backend stopped waiting for the cluster. */
  readonly statusCode = 504;

  constructor(
    /** The registered cluster's name. */
    readonly cluster: string,
    /** The timeout that passed, in milliseconds. */
    readonly timeoutMs: number,
    /** What was asked, e.g. `GET /api/v1/namespaces`. */
    readonly request?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cluster '${cluster}' did not answer${request ? ` ${request}` : ''} within ${timeoutMs} ms; the request was aborted`,
      options,
    );
  }
}

/** Whether `error` is a {@link ClusterTimeoutError}, also across copies of this package. */
export function isClusterTimeout(error: unknown): error is ClusterTimeoutError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ClusterTimeoutError' &&
    typeof (error as { cluster?: unknown }).cluster === 'string'
  );
}

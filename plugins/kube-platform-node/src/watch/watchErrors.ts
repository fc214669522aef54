/** A Kubernetes `Status` object, as sent in a watch ERROR event or a failed response body. */
export interface KubernetesStatus {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

/** An error carrying the HTTP status as `code` (like client-node's ApiException) and the Status as `body`. */
export interface KubernetesStatusError extends Error {
  code: number;
  body?: KubernetesStatus;
}

/** Builds an error from a failed response or a watch ERROR event's Status. */
export function statusError(
  code: number,
  body: KubernetesStatus | undefined,
  fallback: string,
): KubernetesStatusError {
  const message = body?.message
    ? `${body.message} (${code}${body.reason ? ` ${body.reason}` : ''})`
    : `${fallback} (${code})`;
  return Object.assign(new Error(message), { code, body });
}

/**
 * Whether an error, or a Status from a watch ERROR event, is `410 Gone`: the
 * resourceVersion or continue token predates the server's history.
 */
export function isGone(errorOrStatus: unknown): boolean {
  const value = errorOrStatus as { code?: unknown; statusCode?: unknown };
  return value?.code === 410 || value?.statusCode === 410;
}

/** A one-line message for logs and the cache status. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';

/** `<prefix>-<6 random hex chars>`, a valid, unique Kubernetes name per run. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** An error from a @kubernetes/client-node API call (ApiException). */
export interface ApiError extends Error {
  /** HTTP status code. */
  code: number;
  /** Response body, usually a JSON-encoded `Status`. */
  body: unknown;
}

/** Whether `error` is an API error (optionally with HTTP status `code`). */
export function isApiError(error: unknown, code?: number): error is ApiError {
  return (
    error instanceof Error &&
    typeof (error as Partial<ApiError>).code === 'number' &&
    'body' in error &&
    (code === undefined || (error as ApiError).code === code)
  );
}

/** The `message` of the `Status` an API error carries (or its raw body). */
export function apiErrorMessage(error: unknown): string {
  if (!isApiError(error)) {
    return String(error);
  }
  const body = error.body;
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    if (typeof status?.message === 'string') {
      return status.message;
    }
  } catch {
    // not JSON
  }
  return String(body);
}

/** Creates a namespace called `uniqueName(prefix)` and returns its name. */
export async function createTestNamespace(
  kc: KubeConfig,
  prefix: string,
): Promise<string> {
  const name = uniqueName(prefix);
  await kc
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name } } });
  return name;
}

/** Deletes namespaces without waiting, ignoring ones already gone (for afterAll). */
export async function deleteNamespaces(
  kc: KubeConfig,
  names: string[],
): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await Promise.all(
    names.map(name =>
      core.deleteNamespace({ name }).catch(error => {
        if (!isApiError(error, 404)) {
          throw error;
        }
      }),
    ),
  );
}

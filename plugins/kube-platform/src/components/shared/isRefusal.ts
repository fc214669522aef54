import { ResponseError } from '@backstage/errors';

/**
 * Whether a failed check is the backend refusing the request (a 4xx other than
 * 404), which the real request would meet as well.
 */
export function isRefusal(error: unknown): error is ResponseError {
  return (
    error instanceof ResponseError &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 404
  );
}

import { ResponseError } from '@backstage/errors';

/** What went wrong, in the backend's words when it answered with an error body. */
export function errorMessageOf(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message || error.message;
  }
  return error.message;
}

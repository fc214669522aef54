import { InputError } from '@backstage/errors';
import type { ZodType } from 'zod';

/** Parses input with a zod schema; a failure becomes a 400 naming the field path. */
export function parseInput<T>(
  schema: ZodType<T, any, any>,
  input: unknown,
  what = 'request',
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(issue => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue as { keys?: string[] }).keys ?? [];
        return `${keys
          .map(k => (path ? `${path}.${k}` : k))
          .join(', ')}: unknown field`;
      }
      return `${path || what}: ${issue.message}`;
    });
    throw new InputError(`Invalid ${what}: ${issues.join('; ')}`);
  }
  return result.data;
}

/**
 * zod at the HTTP boundary: every problem becomes one readable line of a 400, e.g.
 * `query.limit: Too big: expected number to be <=200`.
 */
import { InputError } from '@backstage/errors';
import type { z } from 'zod';

export function formatIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix: string,
): string {
  return issues
    .map(i => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InputError(
      `invalid ${where}: ${formatIssues(result.error.issues, where)}`,
    );
  return result.data;
}

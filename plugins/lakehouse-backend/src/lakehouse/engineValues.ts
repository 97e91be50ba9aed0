/** Parsing what the query engines hand back, where they differ. */
import { z } from 'zod';

/**
 * A BIGINT: DuckDB hands small ones over as numbers, Athena and Trino every one as
 * exact text. Either way it must fit a JS number exactly.
 */
export const engineInteger = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .pipe(z.number().int().refine(Number.isSafeInteger, 'beyond 2^53'));

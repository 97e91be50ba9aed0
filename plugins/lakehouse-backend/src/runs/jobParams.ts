import { InputError } from '@backstage/errors';
import type { JobName, JobParameter } from '@medallion/plugin-lakehouse-common';
import type { z } from 'zod';

/** Trigger params validated by the job's schema, and the form a run records. */
export interface ParsedJobParams<P> {
  value: P;
  /** JSON-compatible copy of the parsed params (defaults filled in). */
  record: Record<string, unknown>;
}

/**
 * Validates params with the job's zod schema. The InputError lists every
 * problem as `params.<path>: <message>`, so a caller can fix them all at once.
 */
export function parseJobParams<P>(
  job: JobName,
  schema: z.ZodType<P>,
  parameters: readonly JobParameter[],
  params: unknown,
): ParsedJobParams<P> {
  const result = schema.safeParse(params ?? {});
  if (!result.success) {
    const accepted = parameters.map(p => p.name).join(', ') || 'none';
    const problems = result.error.issues.flatMap(issue => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map(
          key =>
            `${paramPath([
              ...issue.path,
              key,
            ])}: not a parameter of job ${job} (accepted: ${accepted})`,
        );
      }
      return [`${paramPath(issue.path)}: ${issue.message}`];
    });
    throw new InputError(
      `Invalid params for job ${job}: ${problems.join('; ')}`,
    );
  }
  return { value: result.data, record: toRecord(result.data) };
}

function paramPath(path: readonly PropertyKey[]): string {
  return ['params', ...path.map(p => String(p))].join('.');
}

/** A plain JSON object (what `lakehouse_runs.params` holds). */
function toRecord(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {};
  }
  const json: unknown = JSON.parse(JSON.stringify(value));
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? Object.fromEntries(Object.entries(json))
    : {};
}

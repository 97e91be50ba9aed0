import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Where a page of runs ended: the last run's creation time and id (keyset). */
export interface RunCursor {
  createdAt: number;
  runId: string;
}

const cursorSchema = z.object({
  c: z.number().int().nonnegative(),
  r: z.string().min(1).max(64),
});

/** Opaque to clients: base64url of a small JSON object. */
export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(
    JSON.stringify({ c: cursor.createdAt, r: cursor.runId }),
    'utf8',
  ).toString('base64url');
}

export function decodeRunCursor(text: string): RunCursor {
  let json: unknown;
  try {
    json = /^[A-Za-z0-9_-]+$/.test(text)
      ? JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
      : undefined;
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      'The cursor is not valid: pass the nextCursor of a previous page unchanged, or leave it out to start from the newest run',
    );
  }
  return { createdAt: parsed.data.c, runId: parsed.data.r };
}

/**
 * Keyset cursor of the anomaly list: where a page ended, as (event time in µs, event
 * id). Opaque to clients (base64url of a small JSON object) and validated strictly,
 * since both values end up in SQL.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

export interface AnomalyCursor {
  /** Event time of the page's last purchase, µs since the epoch. */
  eventMicros: number;
  /** Its event id, lower-case. */
  eventId: string;
}

export const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const cursorSchema = z.strictObject({
  t: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  e: z.string().regex(UUID_PATTERN),
});

export function encodeAnomalyCursor(cursor: AnomalyCursor): string {
  return Buffer.from(
    JSON.stringify({ t: cursor.eventMicros, e: cursor.eventId }),
    'utf8',
  ).toString('base64url');
}

export function decodeAnomalyCursor(text: string): AnomalyCursor {
  let json: unknown;
  try {
    json = /^[A-Za-z0-9_-]{1,200}$/.test(text)
      ? JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
      : undefined;
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      'The cursor is not valid: pass the nextCursor of a previous page unchanged, or leave it out to start from the newest purchase',
    );
  }
  return { eventMicros: parsed.data.t, eventId: parsed.data.e };
}

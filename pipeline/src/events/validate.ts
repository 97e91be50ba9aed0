/**
 * Turns raw bytes from Kafka into a typed purchase event, or into a rejection with a
 * stable error code and a readable reason. Silver quarantines rejections with both,
 * so the codes are part of the contract: add new ones, never rename.
 */
import type { z } from 'zod';
import {
  MAX_EVENT_BYTES,
  purchaseEventV1,
  purchaseEventV2,
  SCHEMA_VERSIONS,
  type PurchaseEvent,
} from './schema';

export const REJECTION_CODES = [
  'empty_payload',
  'oversized',
  'invalid_json',
  'not_an_object',
  'missing_field',
  'wrong_type',
  'invalid_value',
  'unknown_field',
  'unsupported_schema_version',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type ParseResult =
  | { ok: true; event: PurchaseEvent }
  | { ok: false; code: RejectionCode; reason: string };

const reject = (code: RejectionCode, reason: string): ParseResult => ({
  ok: false,
  code,
  reason,
});

export function parsePurchaseEvent(
  raw: Buffer | string | null | undefined,
): ParseResult {
  if (raw === null || raw === undefined || raw.length === 0) {
    return reject(
      'empty_payload',
      'the message has no value (null or empty payload)',
    );
  }
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (bytes > MAX_EVENT_BYTES) {
    return reject(
      'oversized',
      `payload is ${bytes} bytes; the limit for a purchase event is ${MAX_EVENT_BYTES} bytes`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (error) {
    return reject(
      'invalid_json',
      `payload is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject(
      'not_an_object',
      `payload must be a JSON object, got ${
        Array.isArray(value) ? 'an array' : typeof value
      }`,
    );
  }
  const version = (value as Record<string, unknown>).schema_version;
  if (version === undefined) {
    return reject('missing_field', 'schema_version: required field is missing');
  }
  if (!SCHEMA_VERSIONS.includes(version as 1 | 2)) {
    return reject(
      'unsupported_schema_version',
      `schema_version ${JSON.stringify(
        version,
      )} is not supported (known: ${SCHEMA_VERSIONS.join(', ')})`,
    );
  }
  const schema = version === 1 ? purchaseEventV1 : purchaseEventV2;
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, event: result.data };
  return describeIssues(result.error.issues, value as Record<string, unknown>);
}

/** The most telling issue decides the code; the reason lists them all (capped). */
function describeIssues(
  issues: z.core.$ZodIssue[],
  input: Record<string, unknown>,
): ParseResult {
  const codeOf = (issue: z.core.$ZodIssue): RejectionCode => {
    if (issue.code === 'unrecognized_keys') return 'unknown_field';
    const field = issue.path[0];
    if (typeof field === 'string' && input[field] === undefined)
      return 'missing_field';
    if (issue.code === 'invalid_type') return 'wrong_type';
    // zod reports enum and literal mismatches as invalid_value; a value of another JS type
    // (true where "member" was expected) is still a type error for the producer.
    if (
      issue.code === 'invalid_value' &&
      typeof field === 'string' &&
      issue.values.length > 0
    ) {
      if (typeof input[field] !== typeof issue.values[0]) return 'wrong_type';
    }
    return 'invalid_value';
  };
  const priority: RejectionCode[] = [
    'missing_field',
    'wrong_type',
    'unknown_field',
    'invalid_value',
  ];
  const codes = issues.map(codeOf);
  const code = priority.find(c => codes.includes(c)) ?? 'invalid_value';
  const parts = issues.slice(0, 5).map(issue => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(event)';
    if (issue.code === 'unrecognized_keys')
      return `unknown field(s) ${issue.keys.join(', ')}`;
    if (codeOf(issue) === 'missing_field')
      return `${path}: required field is missing`;
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
  return reject(code, parts.join('; ') + more);
}

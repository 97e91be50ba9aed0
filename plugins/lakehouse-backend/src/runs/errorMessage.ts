/** The longest error text stored with a run; longer messages are cut. */
const MAX_ERROR_LENGTH = 8000;

/**
 * What a failed run records: the message only, never a stack (a stack says where
 * in our code it broke, which belongs in the logs, not in an API response).
 */
export function errorMessage(thrown: unknown): string {
  return truncate(rawMessage(thrown));
}

function rawMessage(thrown: unknown): string {
  if (thrown instanceof Error) {
    return thrown.message.trim() || thrown.name || 'unknown error';
  }
  if (typeof thrown === 'string') {
    return thrown.trim() || 'unknown error';
  }
  if (
    typeof thrown === 'object' &&
    thrown !== null &&
    'message' in thrown &&
    typeof thrown.message === 'string' &&
    thrown.message.trim()
  ) {
    return thrown.message.trim();
  }
  if (thrown === undefined || thrown === null) {
    return `the job failed without an error (it threw ${String(thrown)})`;
  }
  try {
    const json = JSON.stringify(thrown);
    if (json !== undefined) return json;
  } catch {
    // not serialisable (cycles, BigInt): fall through
  }
  return String(thrown);
}

function truncate(message: string): string {
  if (message.length <= MAX_ERROR_LENGTH) return message;
  return `${message.slice(
    0,
    MAX_ERROR_LENGTH,
  )}… (cut at ${MAX_ERROR_LENGTH} characters)`;
}

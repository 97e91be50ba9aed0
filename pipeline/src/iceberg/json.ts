/**
 * JSON with 64-bit integers. Iceberg snapshot ids are random 63-bit values, so
 * JSON.parse would silently round them. `parseJson` returns integers beyond 2^53 as
 * bigint (others as number); `stringifyJson` writes bigint as plain JSON numbers.
 */

export class JsonSyntaxError extends Error {}

export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

export function parseJson(text: string): JsonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON at offset ${i}: ${what}`);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const value = (): JsonValue => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        const key = string();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        obj[key] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return obj;
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return arr;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return number();
  };
  const string = (): string => {
    const start = i;
    i++;
    // Fast path: no escapes.
    while (i < text.length && text[i] !== '"' && text[i] !== '\\') i++;
    if (text[i] === '"') {
      i++;
      return text.slice(start + 1, i - 1);
    }
    // Slow path: let JSON.parse decode the escapes of this one string.
    i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const number = (): number | bigint => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      text.slice(i, i + 400),
    );
    if (!m) return fail('unexpected character');
    i += m[0].length;
    if (!m[2] && !m[3]) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  };
  const result = value();
  ws();
  if (i !== text.length) fail('unexpected trailing content');
  return result;
}

/** JSON.stringify with bigint support; `indent` as in JSON.stringify. */
export function stringifyJson(value: unknown, indent = 0): string {
  const pad = (depth: number) =>
    indent > 0 ? `\n${' '.repeat(indent * depth)}` : '';
  const sep = indent > 0 ? ': ' : ':';
  const write = (v: unknown, depth: number): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'bigint':
        return v.toString();
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return String(v);
      case 'string':
        return JSON.stringify(v);
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
      default:
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const items = v.map(x => write(x, depth + 1) ?? 'null');
      return `[${items.map(x => `${pad(depth + 1)}${x}`).join(',')}${pad(
        depth,
      )}]`;
    }
    const entries: string[] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const encoded = write(x, depth + 1);
      if (encoded !== undefined)
        entries.push(`${pad(depth + 1)}${JSON.stringify(k)}${sep}${encoded}`);
    }
    return entries.length === 0 ? '{}' : `{${entries.join(',')}${pad(depth)}}`;
  };
  return write(value, 0) ?? 'null';
}

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

const KEYWORDS: Array<[string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): JsonValue {
    const result = this.value();
    this.ws();
    if (this.i !== this.text.length) this.fail('unexpected trailing content');
    return result;
  }

  private fail(what: string): never {
    throw new JsonSyntaxError(`invalid JSON at offset ${this.i}: ${what}`);
  }

  private ws(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else break;
    }
  }

  private string(): string {
    const { text } = this;
    const start = this.i;
    this.i++;
    // Fast path: no escapes.
    while (
      this.i < text.length &&
      text[this.i] !== '"' &&
      text[this.i] !== '\\'
    )
      this.i++;
    if (text[this.i] === '"') {
      this.i++;
      return text.slice(start + 1, this.i - 1);
    }
    // Slow path: let JSON.parse decode the escapes of this one string.
    this.i = start + 1;
    while (this.i < text.length && text[this.i] !== '"')
      this.i += text[this.i] === '\\' ? 2 : 1;
    if (this.i >= text.length) this.fail('unterminated string');
    this.i++;
    return JSON.parse(text.slice(start, this.i)) as string;
  }

  private number(): number | bigint {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
      this.text.slice(this.i, this.i + 400),
    );
    if (!m) return this.fail('unexpected character');
    this.i += m[0].length;
    if (!m[2] && !m[3]) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  }

  private object(): JsonValue {
    this.i++;
    const obj: { [key: string]: JsonValue } = {};
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail('expected a property name');
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail('expected ":"');
      this.i++;
      obj[key] = this.value();
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] === '}') {
        this.i++;
        return obj;
      } else this.fail('expected "," or "}"');
    }
  }

  private array(): JsonValue {
    this.i++;
    const arr: JsonValue[] = [];
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      arr.push(this.value());
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] === ']') {
        this.i++;
        return arr;
      } else this.fail('expected "," or "]"');
    }
  }

  private value(): JsonValue {
    this.ws();
    const { text, i } = this;
    const c = text[i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of KEYWORDS) {
      if (text.startsWith(word, i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.number();
  }
}

export function parseJson(text: string): JsonValue {
  return new Parser(text).parse();
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

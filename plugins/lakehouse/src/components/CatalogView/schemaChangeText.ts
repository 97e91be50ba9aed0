/**
 * A schema change as one line of a diff. Each kind has its own symbol and word as well
 * as its colour, so the diff reads the same without colour.
 */
import type {
  SchemaChange,
  SchemaChangeKind,
} from '@medallion/plugin-lakehouse-common';
import { OKABE_ITO } from '../shared';

export interface ChangeLine {
  /** Diff-style marker: "+" added, "−" removed, "→" renamed, "~" changed. */
  symbol: string;
  /** What happened, in words: "added", "type changed", … */
  verb: string;
  colour: string;
  /** The field and the change, e.g. "customer.id: int → long". */
  text: string;
}

const STYLE: Record<
  SchemaChangeKind,
  { symbol: string; verb: string; colour: string }
> = {
  added: { symbol: '+', verb: 'added', colour: OKABE_ITO.bluishGreen },
  removed: { symbol: '−', verb: 'removed', colour: OKABE_ITO.vermillion },
  renamed: { symbol: '→', verb: 'renamed', colour: OKABE_ITO.blue },
  'type-changed': {
    symbol: '~',
    verb: 'type changed',
    colour: OKABE_ITO.orange,
  },
  'nullability-changed': {
    symbol: '~',
    verb: 'nullability changed',
    colour: OKABE_ITO.orange,
  },
  'doc-changed': {
    symbol: '~',
    verb: 'doc changed',
    colour: OKABE_ITO.orange,
  },
};

const quoted = (doc: string | null) => (doc === null ? '(none)' : `"${doc}"`);

function describe(change: SchemaChange): string {
  const { name, from, to } = change;
  switch (change.kind) {
    case 'added':
      return `${name}: ${to ?? '?'}`;
    case 'removed':
      return `${name}: ${from ?? '?'}`;
    case 'renamed':
      return `${from ?? '?'} → ${to ?? name}`;
    case 'doc-changed':
      return `${name}: ${quoted(from)} → ${quoted(to)}`;
    default:
      return `${name}: ${from ?? '?'} → ${to ?? '?'}`;
  }
}

export function changeLine(change: SchemaChange): ChangeLine {
  const style = STYLE[change.kind] ?? {
    symbol: '~',
    verb: change.kind,
    colour: OKABE_ITO.grey,
  };
  return { ...style, text: describe(change) };
}

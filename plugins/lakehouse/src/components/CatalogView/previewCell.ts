/**
 * A preview value as cell text. The backend sends 64-bit integers and decimals as
 * strings so they stay exact; they are shown as sent, never through Number.
 */
export const MAX_CELL_CHARS = 80;

export interface PreviewCell {
  /** What the cell shows, at most MAX_CELL_CHARS characters. */
  text: string;
  /** The whole value when `text` had to be cut, for a tooltip. */
  full: string | null;
  isNull: boolean;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint'
  )
    return String(value);
  return JSON.stringify(value) ?? String(value);
}

export function previewCell(value: unknown): PreviewCell {
  if (value === null || value === undefined)
    return { text: 'null', full: null, isNull: true };
  const text = asText(value);
  if (text.length <= MAX_CELL_CHARS) return { text, full: null, isNull: false };
  return {
    text: `${text.slice(0, MAX_CELL_CHARS - 1)}…`,
    full: text,
    isNull: false,
  };
}

/** Plain-text tables for the terminal. */
export function textTable(
  headers: string[],
  rows: Array<Array<unknown>>,
  maxWidth = 60,
): string {
  const cell = (v: unknown) => {
    let s = '';
    if (typeof v === 'object' && v !== null) s = JSON.stringify(v);
    else if (v !== null && v !== undefined) s = String(v);
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const body = rows.map(r => r.map(cell));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...body.map(r => r[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map(w => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** A live one-line progress display: rewritten in place on a terminal, periodic lines in logs. */
export interface ProgressLine {
  update(text: string): void;
  done(text?: string): void;
}

export function createProgressLine(
  stream: NodeJS.WriteStream = process.stderr,
  logEveryMs = 5000,
): ProgressLine {
  const tty = Boolean(stream.isTTY);
  let lastLog = 0;
  let lastText = '';
  return {
    update(text) {
      lastText = text;
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
      } else if (Date.now() - lastLog >= logEveryMs) {
        lastLog = Date.now();
        stream.write(`${text}\n`);
      }
    },
    done(text) {
      if (tty) stream.write(`\r\x1b[2K${text ?? lastText}\n`);
      else if (text) stream.write(`${text}\n`);
    },
  };
}

export const formatInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0
    ? `${m}m${String(s % 60).padStart(2, '0')}s`
    : `${(ms / 1000).toFixed(1)}s`;
}

export function formatBytesPerSec(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / Math.max(ms / 1000, 1e-3)).toFixed(2)} MB/s`;
}

/** Number and time formatting shared by the views (en-US grouping, compact units). */
export const formatNumber = (n: number, digits = 0) =>
  n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A duration in ms as "850 ms", "12.3 s", "4 min 05 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60)
    return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** An age in seconds as "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

export const ageOf = (iso: string | null, now = Date.now()) =>
  iso === null ? null : Math.max(0, (now - Date.parse(iso)) / 1000);

export const formatTime = (iso: string | null) =>
  iso === null ? '—' : new Date(iso).toLocaleString('en-US');

/** An exact decimal string with thousands separators: "12345.60" → "12,345.60". */
export function groupDecimal(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text.trim());
  if (!match) return text;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** Money as an exact decimal string with its currency: "12,345.60 EUR". */
export const formatMoney = (text: string, currency: string) =>
  `${groupDecimal(text)} ${currency}`;

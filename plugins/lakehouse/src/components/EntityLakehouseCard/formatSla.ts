/** An SLA threshold in seconds as "90 s", "5 min", "1 h", "1 h 30 min", "2 d". */
export function formatSla(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
}

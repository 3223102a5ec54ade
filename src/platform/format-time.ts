/** "03:15 UTC" and "in 15 minutes": lockout and link pages say when something ends in words a person reads. */
export function formatClockUtc(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

export function formatDateUtc(date: Date): string {
  return date.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

/** "03:15 UTC" and "in 15 minutes": lockout and link pages say when something ends in words a person reads. */
export function formatClockUtc(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
}

// One formatter for the process: toLocaleDateString with options builds a new one per call, which showed up as the
// single largest function in a profile of the client's page (bench/profile.ts).
const dateUtc = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

export function formatDateUtc(date: Date): string {
  return dateUtc.format(date);
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

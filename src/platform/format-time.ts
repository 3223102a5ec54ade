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

/*
 * Times a client or staff member reads are in the firm's time zone, with the zone named ("6:15 PM EST"), never bare
 * UTC. Calendar days (a project's start and end, a phase's due date) are days, not moments: they are shown as the
 * PSA gave them (formatDay), so a project due on the 19th never reads as the 18th west of Greenwich.
 */
const zoned = (timeZone: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { ...options, timeZone });

/** "December 4, 2026 at 6:15 PM EST" */
export function formatMoment(date: Date, timeZone: string): string {
  return zoned(timeZone, { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(date);
}

/** "6:15 PM EST" */
export function formatClock(date: Date, timeZone: string): string {
  return zoned(timeZone, { hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(date);
}

/** A calendar day given as an ISO date or date-time: "June 18, 2027". */
export function formatDay(iso: string): string {
  return zoned("UTC", { year: "numeric", month: "long", day: "numeric" }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** Today in the zone, as "YYYY-MM-DD" (to compare with calendar days). */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(now);
}

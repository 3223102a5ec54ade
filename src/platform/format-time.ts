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

// Building an Intl.DateTimeFormat costs far more than formatting with one (a fifth of the client page's CPU in a
// profile, bench/profile.ts), so each (style, zone) pair is built once. Zones are the firms' validated settings:
// a few hundred at most; the bound only guards against a caller passing something else.
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATTER_LIMIT = 2_000;
const styles = {
  moment: ["en-US", { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }],
  clock: ["en-US", { hour: "numeric", minute: "2-digit", timeZoneName: "short" }],
  day: ["en-US", { year: "numeric", month: "long", day: "numeric" }],
  isoDay: ["en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }],
} satisfies Record<string, [string, Intl.DateTimeFormatOptions]>;

function zoned(style: keyof typeof styles, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = styles[style];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (formatters.size >= FORMATTER_LIMIT) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "December 4, 2026 at 6:15 PM EST" */
export function formatMoment(date: Date, timeZone: string): string {
  return zoned("moment", timeZone).format(date);
}

/** "6:15 PM EST" */
export function formatClock(date: Date, timeZone: string): string {
  return zoned("clock", timeZone).format(date);
}

// A page shows the same few project days on every load: each is formatted once (bounded, like the formatters).
const days = new Map<string, string>();

/** A calendar day given as an ISO date or date-time: "June 18, 2027". */
export function formatDay(iso: string): string {
  const day = iso.slice(0, 10);
  let text = days.get(day);
  if (text === undefined) {
    text = zoned("day", "UTC").format(new Date(`${day}T00:00:00Z`));
    if (days.size >= FORMATTER_LIMIT) days.clear();
    days.set(day, text);
  }
  return text;
}

// Today, by zone, for the UTC minute it was asked in: every zone's offset is whole minutes, so its midnight falls on
// a minute boundary and the answer holds for the whole minute.
const todays = new Map<string, { minute: number; day: string }>();

/** Today in the zone, as "YYYY-MM-DD" (to compare with calendar days). */
export function todayIn(timeZone: string, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = todays.get(timeZone);
  if (known?.minute === minute) return known.day;
  const day = zoned("isoDay", timeZone).format(now);
  if (todays.size >= FORMATTER_LIMIT) todays.clear();
  todays.set(timeZone, { minute, day });
  return day;
}

/**
 * The one place dates, times and amounts become words, through Intl. Each firm reads in its own locale, time
 * zone and currency (config/firm-settings.ts: firmPresentation; firms/firm-presentation.ts: formatterFor(firm));
 * the product's default is en-US, UTC and USD. Every time shown names its zone ("3:15 PM EST"), so a client
 * in another zone is never misled.
 */
export interface FormatSettings {
  locale: string;
  timeZone: string;
  currency: string;
}

export interface Formatter {
  readonly settings: FormatSettings;
  /** An instant's date in the firm's zone: "December 4, 2026". */
  date(instant: Date): string;
  /** An instant's time of day in the firm's zone, with the zone: "3:15 PM EST". */
  time(instant: Date): string;
  /** Both: "December 4, 2026 at 3:15 PM EST". */
  dateTime(instant: Date): string;
  /**
   * A calendar day, not an instant (a project's start, a phase's due date, a date of birth), as a Date or as the
   * PSA's ISO date or date-time: shown as given, never shifted by a zone, so a project due on the 19th never reads
   * as the 18th west of Greenwich.
   */
  calendarDate(date: Date | string): string;
  /** An amount in the firm's currency, whole units: "$125,000". */
  money(amount: number): string;
  /** A count such as hours, to one decimal at most: "1,234.5". */
  quantity(value: number): string;
}

const cache = new Map<string, Formatter>();

export function createFormatter(settings: FormatSettings): Formatter {
  const key = `${settings.locale}|${settings.timeZone}|${settings.currency}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { locale, timeZone, currency } = settings;
  const day = { year: "numeric", month: "long", day: "numeric" } as const;
  const clock = { hour: "numeric", minute: "2-digit", timeZoneName: "short" } as const;
  const dateFormat = new Intl.DateTimeFormat(locale, { ...day, timeZone });
  const timeFormat = new Intl.DateTimeFormat(locale, { ...clock, timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { ...day, ...clock, timeZone });
  const calendarFormat = new Intl.DateTimeFormat(locale, { ...day, timeZone: "UTC" });
  const moneyFormat = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const quantityFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const calendarDays = new Map<string, string>();
  const formatter: Formatter = {
    settings: { locale, timeZone, currency },
    date: (instant) => dateFormat.format(instant),
    time: (instant) => timeFormat.format(instant),
    dateTime: (instant) => dateTimeFormat.format(instant),
    calendarDate: (date) => {
      // A project list shows the same few days again and again (every card's dates, on every load).
      const day = typeof date === "string" ? date.slice(0, 10) : date.toISOString().slice(0, 10);
      let words = calendarDays.get(day);
      if (words === undefined) {
        words = calendarFormat.format(new Date(`${day}T00:00:00Z`));
        if (calendarDays.size >= 5_000) calendarDays.clear();
        calendarDays.set(day, words);
      }
      return words;
    },
    money: (amount) => moneyFormat.format(amount),
    quantity: (value) => quantityFormat.format(value),
  };
  // Built once per settings, not per call: a page formats dozens of values, and building an Intl format costs
  // far more than using one (a project list's profile had 15 % of its CPU in per-call NumberFormats).
  // A handful of distinct settings exist per deployment; the bound only guards against a runaway.
  if (cache.size > 200) cache.clear();
  cache.set(key, formatter);
  return formatter;
}

const todays = new Map<string, { format: Intl.DateTimeFormat; minute: number; day: string }>();

/** Today in the zone, as "YYYY-MM-DD" (to compare with the PSA's calendar days). */
export function todayIn(timeZone: string, now: Date): string {
  // Asked on every project list (the overdue flag): the format is built once per zone, and its answer kept for the
  // minute, since every zone's day changes on a minute boundary.
  const minute = Math.floor(now.getTime() / 60_000);
  let today = todays.get(timeZone);
  if (!today) {
    today = { format: new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }), minute: NaN, day: "" };
    if (todays.size > 200) todays.clear();
    todays.set(timeZone, today);
  }
  if (today.minute !== minute) {
    today.day = today.format.format(now);
    today.minute = minute;
  }
  return today.day;
}

/**
 * The instant a calendar day ("2026-12-01") starts in the zone, `plusDays` later: a filter "from the 1st to the
 * 3rd" in New York means from 05:00 UTC on the 1st to 05:00 UTC on the 4th. The zone's offset is read twice so a
 * day that starts just after a daylight-saving change still lands on its midnight.
 */
export function startOfDayIn(timeZone: string, day: string, plusDays = 0): Date {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  const asUtc = Date.UTC(year, month - 1, date + plusDays);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const offset = (instant: number) => {
    const p = Object.fromEntries(parts.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - instant;
  };
  return new Date(asUtc - offset(asUtc - offset(asUtc)));
}

/** "15 minutes", "3 hours", "7 days": how long until something ends. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

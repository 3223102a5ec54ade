import { stringify } from "csv-stringify/sync";
import type { SignInEvent } from "../generated/prisma/client";
import { signInReasons } from "../sign-in/sign-in-reasons";
import type { SignInReason } from "../sign-in/sign-in-reasons";

/**
 * The sign-in trail's export, the one CSV the console's download, the admin API and the CLI's `trail --csv` all
 * write. Each row is picked field by field from the event (never the row spread whole): what was typed as the
 * address, the reason code and its words, IP, browser and the recorded detail; never a password, a link token or
 * a session. Cells a spreadsheet would run as a formula (an address typed as "=HYPERLINK(...)") are escaped
 * (OWASP's CSV injection advice, csv-stringify's escape_formulas).
 */
export const trailCsvColumns = ["at_utc", "email_typed", "email_normalized", "reason", "reason_in_words", "ip", "user_agent", "detail"] as const;

export const reasonInWords = (reason: string): string => signInReasons[reason as SignInReason] ?? reason;

/** One sign-in attempt as the API and the CLI's --json answer it: the CSV's columns, by name. */
export interface TrailEntry {
  id: string;
  at: string;
  emailTyped: string;
  emailNormalized: string;
  reason: string;
  reasonInWords: string;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

export const trailEntry = (event: SignInEvent): TrailEntry => ({
  id: event.id,
  at: event.at.toISOString(),
  emailTyped: event.emailTyped,
  emailNormalized: event.emailNormalized,
  reason: event.reason,
  reasonInWords: reasonInWords(event.reason),
  ip: event.ip,
  userAgent: event.userAgent,
  detail: event.detail,
});

const cells = (e: TrailEntry): string[] => [e.at, e.emailTyped, e.emailNormalized, e.reason, e.reasonInWords, e.ip ?? "", e.userAgent ?? "", e.detail ?? ""];

/**
 * The CSV text, a header then one chunk per event, as the events arrive: a caller streams it (the console and
 * the API into the response, the CLI to stdout), so an export of a year never sits in memory whole.
 */
export async function* trailCsv(events: AsyncIterable<SignInEvent>): AsyncGenerator<string> {
  yield stringify([[...trailCsvColumns]]);
  for await (const event of events) yield stringify([cells(trailEntry(event))], { escape_formulas: true });
}

/** The export's file name: the firm's slug and the day it was made. */
export const trailCsvName = (slug: string, now: Date = new Date()): string => `sign-in-trail-${slug}-${now.toISOString().slice(0, 10)}.csv`;

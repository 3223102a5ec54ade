import { z } from "zod";
import { firmPresentation } from "../../../config/firm-settings";
import type { Db } from "../../platform/db/prisma";
import { badUsage, defineCommand, done, streamed } from "../../platform/cli/command";
import { firmForCommand } from "../../firms/find-firm";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import { trailCsv, trailEntry } from "../trail-csv";
import type { TrailEntry } from "../trail-csv";
import { eachSignInEvent, isTrailCursor, listSignInTrail, trailWhere } from "../use-cases/sign-in-trail";
import type { TrailFailure } from "../use-cases/sign-in-trail";

const line = (e: TrailEntry) => [e.at, e.reason, e.emailTyped, e.ip ?? "-", e.userAgent ?? "-", ...(e.detail ? [e.detail] : [])].join("\t");
const filterProblems = (failure: TrailFailure) =>
  badUsage(`Not a filter: ${Object.entries(failure.fields).map(([field, problem]) => `--${field} must be ${problem}`).join("; ")}.`, "See `npm run cli -- trail --help` for the reason codes.");

/**
 * `trail --firm SLUG [--email E] [--reason CODE] [--from DAY --to DAY] [--csv]`: the firm's client sign-in trail
 * (the console's Sign-in trail page): a page of it in lines or --json, or all of it as the console's CSV export.
 */
export const trail = defineCommand({
  name: ["trail"],
  summary: "the firm's client sign-in trail, newest first: filtered by email, reason and days; --csv for the console's export",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--email <email>", description: "as typed, or any spelling that normalizes to the same address" },
    { flags: "--reason <code>", description: "one reason code (listed below)" },
    { flags: "--from <day>", description: "first day, YYYY-MM-DD, in the firm's time zone" },
    { flags: "--to <day>", description: "last day, YYYY-MM-DD, in the firm's time zone (included)" },
    { flags: "--csv", description: "every matching attempt as CSV (the console's export), to stdout" },
    { flags: "--limit <n>", description: "attempts per page, 1 to 500 (default 50; not with --csv)" },
    { flags: "--cursor <cursor>", description: "the next page: the cursor the previous page printed" },
  ],
  help: `Reason codes:\n${Object.entries(signInReasons).map(([code, words]) => `  ${code.padEnd(22)} ${words}`).join("\n")}\n\nExample: npm run -s cli -- trail --firm demo --from 2026-12-01 --to 2026-12-31 --csv > trail.csv`,
  input: z.object({
    firm: z.string(),
    email: z.string().optional(),
    reason: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    csv: z.boolean().optional(),
    limit: z.coerce.number("a whole number from 1 to 500").int("a whole number from 1 to 500").min(1, "at least 1").max(500, "at most 500").default(50),
    cursor: z.string().max(1000).optional(),
  }),
  async run(deps: { db: Db }, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const filter = { email: input.email, reason: input.reason, from: input.from, to: input.to };
    const timeZone = firmPresentation(firm.value.settings).timeZone;
    if (input.csv) {
      const where = trailWhere(firm.value.id, filter, timeZone);
      return where.ok ? streamed(trailCsv(eachSignInEvent(deps.db, where.value))) : filterProblems(where.error);
    }
    if (input.cursor !== undefined && !isTrailCursor(input.cursor)) return badUsage("--cursor: not a cursor this command printed.");
    const page = await listSignInTrail(deps.db, { firmId: firm.value.id, timeZone, filter, cursor: input.cursor, limit: input.limit });
    if (!page.ok) return filterProblems(page.error);
    const events = page.value.items.map(trailEntry);
    const more = page.value.next ? ["", `Older attempts: add --cursor ${page.value.next}`] : [];
    const lines = events.length ? [`Sign-in trail of ${firm.value.slug} (days in ${timeZone}, times in UTC), newest first:`, ...events.map(line), ...more] : ["No sign-in attempts match."];
    return done(lines, { firm: firm.value.slug, timeZone, events, nextCursor: page.value.next });
  },
});

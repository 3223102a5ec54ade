import { z } from "zod";
import { firmPresentation } from "../../../config/firm-settings";
import type { Db } from "../../platform/db/prisma";
import { answer, answerDocument, refuse } from "../../platform/admin-api/endpoint";
import type { ApiAnswer } from "../../platform/admin-api/endpoint";
import { pageOf, pageQuery } from "../../platform/admin-api/pagination";
import { defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import { trailCsv, trailCsvColumns, trailCsvName, trailEntry } from "../trail-csv";
import { eachSignInEvent, isTrailCursor, listSignInTrail, trailWhere } from "../use-cases/sign-in-trail";
import type { TrailFailure } from "../use-cases/sign-in-trail";

const CSV = "text/csv";

const trailEntryView = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  emailTyped: z.string().describe("the address as the person typed it"),
  emailNormalized: z.string(),
  reason: z.string().describe("the reason code"),
  reasonInWords: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.string().nullable(),
});

/** The use-case checks the filter (one check for the console, the API and the CLI): every problem, in one answer. */
function refuseFilter(failure: TrailFailure): ApiAnswer {
  const problems = Object.entries(failure.fields);
  return refuse("validation_failed", problems.map(([field, problem]) => `${field}: ${problem}`).join("; "), problems[0]?.[0]);
}

/** GET /api/admin/v1/trail: the client sign-in trail, filtered as on the console; paged JSON, or all of it as the console's CSV. */
export const trailEndpoint = defineAdminEndpoint({
  method: "get",
  path: "/trail",
  tag: "clients",
  summary: "The client sign-in trail, newest first, filtered by email, reason and days (in the firm's time zone); ?format=csv or Accept: text/csv for the console's CSV export",
  roles: "owners, admins and support",
  query: pageQuery.extend({
    email: z.string().max(400).optional().describe("as typed, or any spelling that normalizes to the same address"),
    reason: z.string().max(64).optional().describe(`one reason code: ${Object.keys(signInReasons).join(", ")}`),
    from: z.string().max(32).optional().describe("first day, YYYY-MM-DD, in the firm's time zone"),
    to: z.string().max(32).optional().describe("last day, YYYY-MM-DD, in the firm's time zone (included)"),
    format: z.enum(["json", "csv"]).optional().describe("csv: every matching attempt (not paged) as the console's CSV export; the same as Accept: text/csv"),
  }),
  response: pageOf(trailEntryView),
  documents: { [CSV]: `every matching attempt, newest first, not paged: the console's CSV export (columns ${trailCsvColumns.join(", ")})` },
  errors: [],
  async handle(deps: { db: Db }, { caller, query, accepts }) {
    const { firm } = caller;
    const filter = { email: query.email, reason: query.reason, from: query.from, to: query.to };
    const timeZone = firmPresentation(firm.settings).timeZone;
    if (query.format === "csv" || (query.format === undefined && accepts === CSV)) {
      const where = trailWhere(firm.id, filter, timeZone);
      if (!where.ok) return refuseFilter(where.error);
      return answerDocument({ type: `${CSV}; charset=utf-8`, filename: trailCsvName(firm.slug), text: trailCsv(eachSignInEvent(deps.db, where.value)) });
    }
    if (query.cursor !== undefined && !isTrailCursor(query.cursor)) return refuse("validation_failed", "cursor: not a cursor this API gave out", "cursor");
    const page = await listSignInTrail(deps.db, { firmId: firm.id, timeZone, filter, cursor: query.cursor, limit: query.limit });
    if (!page.ok) return refuseFilter(page.error);
    return answer({ items: page.value.items.map(trailEntry), nextCursor: page.value.next });
  },
});

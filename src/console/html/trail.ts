import { once } from "node:events";
import type { Response } from "express";
import { stringify } from "csv-stringify";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { firmPresentation } from "../../../config/firm-settings";
import { formatterFor } from "../../firms/firm-presentation";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import type { SignInReason } from "../../sign-in/sign-in-reasons";
import { eachSignInEvent, listSignInTrail, trailWhere } from "../use-cases/sign-in-trail";
import { consoleChrome } from "./console-chrome";
import { trailPage } from "./trail-page";

const trailQuery = z.object({ email: text, reason: text, from: text, to: text, cursor: text });
const reasonWords = (reason: string) => signInReasons[reason as SignInReason] ?? reason;

/** GET /portal/{slug}/admin/trail: the client sign-in trail, filtered by email, reason and dates, newest first. */
export function showTrail(db: Db): Handler<StaffRequest> {
  return async (req, res) => {
    const { cursor, ...filter } = readQuery(req, trailQuery);
    const { firm } = req.tenant;
    const listed = await listSignInTrail(db, { firmId: firm.id, timeZone: firmPresentation(firm.settings).timeZone, filter, cursor });
    const format = formatterFor(firm);
    const view = {
      ...(await consoleChrome(db, req, "trail")),
      filter,
      reasons: Object.entries(signInReasons).map(([code, words]) => ({ code, words })),
      timeZone: format.settings.timeZone,
      errors: listed.ok ? {} : listed.error.fields,
      rows: listed.ok
        ? listed.value.items.map((e) => ({ at: format.dateTime(e.at), email: e.emailTyped, reason: e.reason, reasonWords: reasonWords(e.reason), ip: e.ip ?? "", userAgent: e.userAgent ?? "", detail: e.detail ?? "" }))
        : [],
      next: listed.ok ? listed.value.next : null,
    };
    res.status(listed.ok ? 200 : errorCatalogue.validation_failed.status).type("html").send(trailPage(view));
  };
}

/**
 * GET /portal/{slug}/admin/trail.csv: the same filter as a CSV download, streamed row by row. Cells that a
 * spreadsheet would run as a formula (an email typed as "=HYPERLINK(...)") are escaped (OWASP CSV injection).
 */
export function exportTrail(db: Db): Handler<StaffRequest> {
  return async (req, res) => {
    const { cursor: _ignored, ...filter } = readQuery(req, trailQuery);
    const { firm } = req.tenant;
    const where = trailWhere(firm.id, filter, firmPresentation(firm.settings).timeZone);
    if (!where.ok) {
      const problems = Object.entries(where.error.fields).map(([field, problem]) => `${field}: ${problem}`);
      return void res.status(400).type("text").send(`Not exported: ${problems.join("; ")}.\n`);
    }
    res.status(200).type("text/csv; charset=utf-8").attachment(`sign-in-trail-${firm.slug}-${new Date().toISOString().slice(0, 10)}.csv`);
    await writeCsv(res, eachSignInEvent(db, where.value));
  };
}

async function writeCsv(res: Response, events: ReturnType<typeof eachSignInEvent>): Promise<void> {
  const columns = ["at_utc", "email_typed", "email_normalized", "reason", "reason_in_words", "ip", "user_agent", "detail"];
  const csv = stringify({ header: true, columns, escape_formulas: true });
  csv.pipe(res);
  for await (const e of events) {
    if (!csv.write([e.at.toISOString(), e.emailTyped, e.emailNormalized, e.reason, reasonWords(e.reason), e.ip ?? "", e.userAgent ?? "", e.detail ?? ""])) await once(csv, "drain");
  }
  csv.end();
  await once(res, "finish");
}

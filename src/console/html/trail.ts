import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { firmPresentation } from "../../../config/firm-settings";
import { formatterFor } from "../../firms/firm-presentation";
import { streamText } from "../../platform/http/stream-text";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import { reasonInWords, trailCsv, trailCsvName } from "../trail-csv";
import { eachSignInEvent, listSignInTrail, trailWhere } from "../use-cases/sign-in-trail";
import { consoleChrome } from "./console-chrome";
import { trailPage } from "./trail-page";

const trailQuery = z.object({ email: text, reason: text, from: text, to: text, cursor: text });

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
        ? listed.value.items.map((e) => ({ at: format.dateTime(e.at), email: e.emailTyped, reason: e.reason, reasonWords: reasonInWords(e.reason), ip: e.ip ?? "", userAgent: e.userAgent ?? "", detail: e.detail ?? "" }))
        : [],
      next: listed.ok ? listed.value.next : null,
    };
    res.status(listed.ok ? 200 : errorCatalogue.validation_failed.status).type("html").send(trailPage(view));
  };
}

/**
 * GET /portal/{slug}/admin/trail.csv: the same filter as a CSV download (console/trail-csv.ts, the one export the
 * API and the CLI write too), streamed row by row.
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
    res.status(200).type("text/csv; charset=utf-8").attachment(trailCsvName(firm.slug));
    await streamText(res, trailCsv(eachSignInEvent(db, where.value)));
  };
}

import type { Response } from "express";
import { z } from "zod";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { choice, readForm, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { staffActor } from "../../accounts/actor";
import { BULK_LIMIT, previewBulkInvite, sendBulkInvite } from "../use-cases/bulk-invite";
import type { BulkOutcome, BulkRow } from "../use-cases/bulk-invite";
import type { InviteClientDeps } from "../use-cases/invite-client";
import { consoleChrome } from "./console-chrome";
import { consolePage } from "./console-layout";
import { outcomeBox } from "./home-page";
import type { Outcome } from "./console-layout";

const outcomeWords: Record<BulkOutcome, string> = {
  new: "New: gets an invite",
  reinvite: "Invited before, not claimed: gets a fresh invite",
  already_active: "Already has access: nothing sent",
  disabled: "Access turned off: nothing sent",
  psa_mismatch: "Not in the PSA's last snapshot: would see no projects; sent only if you tick the box",
  invalid: "Not an email address: skipped",
  duplicate: "Already listed above: skipped",
};

function listForm(csrf: string, action: string, value: string, button: string, extra: SafeHtml | "" = ""): SafeHtml {
  return html`<form method="post" action="${action}">
    ${csrfField(csrf)}
    <label for="bulk-list">Addresses: one a line, or separated by commas, or the text of a CSV with an "email" column (at most ${BULK_LIMIT})</label>
    <textarea id="bulk-list" name="list" rows="10">${value}</textarea>
    ${extra}
    <button type="submit" name="step" value="${button === "Preview" ? "preview" : "send"}">${button}</button>
  </form>`;
}

function previewTable(rows: BulkRow[]): SafeHtml {
  return html`<div class="table-scroll"><table><thead><tr><th scope="col">Line</th><th scope="col">Address</th><th scope="col">What happens</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.line}</td><td>${r.email ?? r.typed}</td><td>${outcomeWords[r.outcome]}${r.suggestion ? html`<br><span class="muted">The PSA has ${r.suggestion}: invite that address instead?</span>` : ""}</td></tr>`)}</tbody></table></div>`;
}

async function page(deps: InviteClientDeps, req: StaffRequest, res: Response, status: number, body: SafeHtml, outcome: Outcome = {}): Promise<void> {
  res.status(status).type("html").send(consolePage(await consoleChrome(deps.db, req, "clients"), "Invite clients in bulk", html`${outcomeBox(outcome)}${body}`));
}

/** GET /portal/{slug}/admin/clients/bulk: paste the list. */
export function showBulkInvite(deps: InviteClientDeps): Handler<StaffRequest> {
  return async (req, res) => page(deps, req, res, 200, listForm((await consoleChrome(deps.db, req, "clients")).csrfToken, `${req.tenant.basePath}/admin/clients/bulk`, "", "Preview"));
}

const bulkForm = z.object({ list: text, step: choice(["preview", "send"], "preview"), mismatches: text });

/** POST /portal/{slug}/admin/clients/bulk: "preview" shows what happens to each row; "send" sends (classifying again). */
export function submitBulkInvite(deps: InviteClientDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, bulkForm);
    const { firm, basePath } = req.tenant;
    const csrf = (await consoleChrome(deps.db, req, "clients")).csrfToken;
    const action = `${basePath}/admin/clients/bulk`;
    if (form.step === "send") {
      const done = await sendBulkInvite(deps, { firm, actor: staffActor(req.principal.staff), text: form.list, includeMismatches: form.mismatches === "yes" });
      return page(deps, req, res, 200, html`<p><a href="${basePath}/admin/clients?status=invited">See the invited clients</a></p>${listForm(csrf, action, "", "Preview")}`, {
        notice: `${done.sent} invite${done.sent === 1 ? "" : "s"} sent; ${done.skipped} row${done.skipped === 1 ? "" : "s"} needed none or were skipped.`,
      });
    }
    const preview = await previewBulkInvite(deps, { firm, text: form.list });
    const counts = preview.rows.reduce<Record<string, number>>((all, r) => ({ ...all, [r.outcome]: (all[r.outcome] ?? 0) + 1 }), {});
    const sendable = (counts.new ?? 0) + (counts.reinvite ?? 0);
    const mismatch = counts.psa_mismatch
      ? html`<label class="ack" for="bulk-mismatches"><input id="bulk-mismatches" type="checkbox" name="mismatches" value="yes"> Invite the ${counts.psa_mismatch} address${counts.psa_mismatch === 1 ? "" : "es"} the PSA does not know too</label>`
      : "";
    const summary = `Nothing is sent yet. ${sendable} invite${sendable === 1 ? "" : "s"} would go out.${preview.tooMany ? ` ${preview.tooMany} rows past the first ${BULK_LIMIT} are left out: send them in another batch.` : ""}`;
    return page(deps, req, res, 200, html`<p class="notice" role="status">${summary}</p>${previewTable(preview.rows)}${listForm(csrf, action, form.list, "Send the invites", mismatch)}`);
  };
}

import type { Response } from "express";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { html } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { choice, readParams, readQuery, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { staffActor } from "../../accounts/actor";
import { formatterFor } from "../../firms/firm-presentation";
import { listOutbox, outboxStatuses, resendFailedEmail } from "../use-cases/outbox";
import { consoleChrome } from "./console-chrome";
import { consolePage } from "./console-layout";
import { outcomeBox } from "./home-page";
import type { Outcome } from "./console-layout";

const statusWords = { queued: "waiting to be sent", sent: "sent", failed: "failed", cancelled: "not sent (its link was replaced, used or expired)" } as const;
const kindWords: Record<string, string> = { invite_client: "client invite", invite_staff: "staff invite", reset: "password reset", magic: "sign-in link", confirm: "email confirmation" };
const filterQuery = z.object({ status: choice(["", ...outboxStatuses], ""), cursor: text });

async function render(deps: { db: Db }, req: StaffRequest, res: Response, status: number, outcome: Outcome = {}): Promise<void> {
  const filter = readQuery(req, filterQuery);
  const { basePath } = req.tenant;
  const page = await listOutbox(deps.db, { firmId: req.tenant.firm.id, status: filter.status || null, cursor: filter.cursor });
  const format = formatterFor(req.tenant.firm);
  const chrome = await consoleChrome(deps.db, req, "outbox");
  const rows = page.items.map(
    (e) => html`<tr><td>${format.dateTime(e.createdAt)}</td><td>${kindWords[e.kind] ?? e.kind}</td><td>${e.toAddress}</td><td>${e.subject}</td>
      <td>${statusWords[e.status]}${e.sentAt ? html`<br><span class="muted">${format.dateTime(e.sentAt)}${e.deliveredVia === "console" ? " (to the log: no SMTP set)" : ""}</span>` : ""}</td>
      <td>${e.lastError ? html`<span class="errors">${e.lastError}</span><br><span class="muted">${e.attempts} attempt${e.attempts === 1 ? "" : "s"}</span>` : ""}</td>
      <td>${e.status === "failed" ? html`<form method="post" action="${basePath}/admin/outbox/${e.id}/resend" class="inline">${csrfField(chrome.csrfToken)}<button type="submit">Send again</button></form>` : ""}</td></tr>`,
  );
  const filters = html`<form method="get" action="${basePath}/admin/outbox" class="inline"><label for="outbox-status">Status</label>
    <select id="outbox-status" name="status"><option value="">Any</option>${outboxStatuses.map((s) => html`<option value="${s}"${s === filter.status ? " selected" : ""}>${statusWords[s]}</option>`)}</select>
    <button type="submit">Show</button></form>`;
  const next = page.next ? html`<p class="pager"><a href="${basePath}/admin/outbox?${new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), cursor: page.next }).toString()}">Older emails</a></p>` : "";
  const table = rows.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Queued</th><th scope="col">Kind</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">SMTP error</th><th scope="col"></th></tr></thead><tbody>${rows}</tbody></table></div>${next}`
    : html`<p>No emails${filter.status ? " with this status" : ""}.</p>`;
  const intro = html`<p class="muted">What the portal emailed for this firm. The emails' text is not shown here: a link in it would sign someone in as the client.</p>`;
  res.status(status).type("html").send(consolePage(chrome, "Outbox", html`${outcomeBox(outcome)}${intro}${filters}${table}`));
}

/** GET /portal/{slug}/admin/outbox?status=&cursor=: the firm's emails, newest first. */
export function showOutbox(deps: { db: Db }): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, 200);
}

/** POST /portal/{slug}/admin/outbox/{id}/resend: a failed email goes out again now. */
export function resendEmail(deps: { db: Db; kickMail?: () => void }): Handler<StaffRequest> {
  return async (req, res) => {
    const { emailId } = readParams(req, z.object({ emailId: uuid }));
    const resent = await resendFailedEmail(deps.db, { firmId: req.tenant.firm.id, actor: staffActor(req.principal.staff), emailId });
    if (!resent.ok) {
      const alert = resent.error.code === "not_found" ? "No such email in this firm's outbox." : `Only a failed email is sent again: this one is ${statusWords[resent.error.status]}.`;
      return render(deps, req, res, errorCatalogue[resent.error.code].status, { alert });
    }
    deps.kickMail?.();
    return render(deps, req, res, 200, { notice: `The ${kindWords[resent.value.kind] ?? resent.value.kind} to ${resent.value.toAddress} is queued again and goes out within a minute.` });
  };
}

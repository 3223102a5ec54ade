import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { readQuery, text } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import type { StaffRequest } from "../../platform/http/portal-router";
import { staffActor } from "../../accounts/actor";
import { formatterFor } from "../../firms/firm-presentation";
import { listStaffActions } from "../../staff-actions/use-cases/list-staff-actions";
import { consoleChrome } from "./console-chrome";
import { consolePage } from "./console-layout";
import { actionInWords } from "./staff-action-words";

/** A logged value as a person reads it: "(not set)" for the default, JSON for anything structured. */
function shown(value: unknown): string {
  const inner = value !== null && typeof value === "object" && !Array.isArray(value) && "value" in value ? (value as { value: unknown }).value : value;
  if (inner === null || inner === undefined) return "(not set)";
  return typeof inner === "string" ? inner : JSON.stringify(inner);
}

/** GET /portal/{slug}/admin/audit?cursor=: the staff-action log, newest first, 50 a page (owners only). */
export function showAuditLog(db: Db): Handler<StaffRequest> {
  return async (req, res) => {
    const { cursor } = readQuery(req, z.object({ cursor: text }));
    const chrome = await consoleChrome(db, req, "audit");
    const listed = await listStaffActions(db, { firmId: req.tenant.firm.id, viewer: staffActor(req.principal.staff), cursor });
    if (!listed.ok) {
      const refused = html`<div class="alert" role="alert">Only the firm's owners can read the audit log: it shows what every colleague did.</div>`;
      res.status(errorCatalogue.owners_only.status).type("html").send(consolePage(chrome, "Audit log", refused));
      return;
    }
    const format = formatterFor(req.tenant.firm);
    const rows = listed.value.items.map(
      (row) => html`<tr><td>${format.dateTime(row.at)}</td><td>${row.actorLabel}</td><td>${actionInWords(row.action)}</td><td>${row.subject ?? ""}</td>
        <td>${row.before === null ? "" : shown(row.before)}</td><td>${row.after === null ? "" : shown(row.after)}</td></tr>`,
    );
    const next: SafeHtml | "" = listed.value.next ? html`<p class="pager"><a href="${req.tenant.basePath}/admin/audit?cursor=${listed.value.next}">Older changes</a></p>` : "";
    const table = rows.length
      ? html`<div class="table-scroll"><table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>${rows}</tbody></table></div>${next}`
      : html`<p>No changes recorded yet.</p>`;
    res.status(200).type("html").send(consolePage(chrome, "Audit log", html`<p class="muted">What the firm's staff, API tokens and the operator changed, newest first. Secrets are never recorded: only that they changed.</p>${table}`));
  };
}

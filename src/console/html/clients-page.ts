import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { confirmBox, consolePage, copyableLink, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome, Outcome } from "./console-layout";

export interface ClientListRow {
  id: string;
  email: string;
  status: string;
  reason: string | null;
  companies: string[];
  template: string;
  lastSignIn: string;
  openFlags: number;
  portalUrl: string;
}

export interface ClientsPageView extends ConsoleChrome, Outcome {
  filter: { search: string; status: string; flagged: boolean };
  /** The page's cursor, sent back by the row actions so they land on this same page. */
  cursor: string;
  rows: ClientListRow[];
  psaConnected: boolean;
  /** Owners and admins turn access off and on; every staff member sends links. */
  canChangeAccess: boolean;
  nextHref: string | null;
}

const statusWords: Record<string, string> = { invited: "invited", active: "active", disabled: "access turned off" };

/**
 * A row's actions, the client page's own (same routes, same use-cases) as small forms: the invite again while
 * invited; a sign-in or reset link while active; access off (destructive: red, behind a ticked box) or back on for
 * owners and admins. Each form carries the list's filters and page, so the answer is this same list.
 */
function rowActions(view: ClientsPageView, r: ClientListRow): SafeHtml {
  const { filter } = view;
  const keep = html`${csrfField(view.csrfToken)}<input type="hidden" name="back" value="list">
    <input type="hidden" name="search" value="${filter.search}"><input type="hidden" name="status" value="${filter.status}">
    <input type="hidden" name="flagged" value="${filter.flagged ? "yes" : ""}"><input type="hidden" name="cursor" value="${view.cursor}">`;
  const forWhom = html`<span class="visually-hidden"> for ${r.email}</span>`;
  const action = (path: "link" | "access", fields: SafeHtml, label: string) =>
    html`<form method="post" action="${view.basePath}/admin/clients/${r.id}/${path}" class="inline">${keep}${fields}<button type="submit">${label}${forWhom}</button></form>`;
  const link = (kind: string, label: string) => action("link", html`<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="delivery" value="email">`, label);
  const turnOff = html`<details class="row-off"><summary>Turn access off${forWhom}</summary>
      <form method="post" action="${view.basePath}/admin/clients/${r.id}/access">${keep}<input type="hidden" name="access" value="off">
        <label for="off-reason-${r.id}">Reason (not shown to the client)</label><input id="off-reason-${r.id}" name="reason" type="text" maxlength="200">
        ${confirmBox(`off-confirm-${r.id}`, `Yes, turn off ${r.email}'s access: their open sessions end at once`)}
        <button type="submit" class="danger">Turn access off${forWhom}</button>
      </form></details>`;
  return html`${r.status === "invited" ? link("invite", "Resend the invite") : ""}
    ${r.status === "active" ? html`${link("magic", "Send a sign-in link")}${link("reset", "Send a reset link")}` : ""}
    ${view.canChangeAccess && r.status === "disabled" ? action("access", html`<input type="hidden" name="access" value="on">`, "Turn access back on") : ""}
    ${view.canChangeAccess && r.status !== "disabled" ? turnOff : ""}`;
}

function row(view: ClientsPageView, r: ClientListRow): SafeHtml {
  const client = `${view.basePath}/admin/clients?email=${encodeURIComponent(r.email)}`;
  return html`<tr>
    <td><a href="${client}">${r.email}</a></td>
    <td>${statusWords[r.status] ?? r.status}${r.reason ? html`<br><span class="muted">${r.reason}</span>` : ""}</td>
    <td>${r.companies.length ? r.companies.join(", ") : html`<span class="muted">${view.psaConnected ? "not in the PSA's last snapshot" : "no PSA connected"}</span>`}</td>
    <td>${r.template}</td><td>${r.lastSignIn}</td>
    <td>${r.openFlags ? html`<span class="count" title="${r.openFlags} open">${r.openFlags}</span>` : "0"}</td>
    <td>${copyableLink(r.portalUrl, "Copy portal link")}<a href="${client}">Client page</a></td>
    <td>${rowActions(view, r)}</td>
  </tr>`;
}

/** Clients: every portal account of the firm, searchable and filtered, a page at a time. */
export function clientsPage(view: ClientsPageView): string {
  const { filter } = view;
  const form = html`<form method="get" action="${view.basePath}/admin/clients" class="filters">
      <label for="clients-search">Search by address</label><input id="clients-search" name="search" type="text" value="${filter.search}">
      <label for="clients-status">Status</label>
      <select id="clients-status" name="status"><option value="">Any</option>${["invited", "active", "disabled"].map((s) => html`<option value="${s}"${s === filter.status ? " selected" : ""}>${statusWords[s]}</option>`)}</select>
      <label class="ack" for="clients-flagged"><input id="clients-flagged" type="checkbox" name="flagged" value="yes"${filter.flagged ? " checked" : ""}> Only clients with open flags</label>
      <button type="submit">Show</button>
    </form>
    <p class="muted">For one client's sign-in problems, lock, PSA answer and every action (links shown once to share by hand, unlock, template, preview, support bundle), open their client page.</p>
    <form method="get" action="${view.basePath}/admin/clients" class="filters">
      <label for="clients-lookup">Why can't a client sign in? Any address, with or without an account</label>
      <input id="clients-lookup" name="email" type="email" autocomplete="off"><button type="submit">Check this address</button>
    </form>`;
  const table = view.rows.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Email</th><th scope="col">Status</th><th scope="col">Company (PSA)</th><th scope="col">Template</th><th scope="col">Last sign-in</th><th scope="col">Open flags</th><th scope="col">Portal link</th><th scope="col">Actions</th></tr></thead>
        <tbody>${view.rows.map((r) => row(view, r))}</tbody></table></div>
        ${view.nextHref ? html`<p class="pager"><a href="${view.nextHref}">Next clients</a></p>` : ""}`
    : html`<p>No clients match.</p>`;
  const bulk = html`<p><a href="${view.basePath}/admin/clients/bulk">Invite clients in bulk</a> from a pasted list or a CSV, with a preview first.</p>`;
  const answer = html`${noticeAndAlert(view.notice, view.alert)}${view.link ? copyableLink(view.link) : ""}`;
  return consolePage(view, "Clients", html`${answer}${bulk}${form}${table}`);
}

import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { consolePage, copyableLink } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";

export interface ClientListRow {
  email: string;
  status: string;
  reason: string | null;
  companies: string[];
  template: string;
  lastSignIn: string;
  openFlags: number;
  portalUrl: string;
}

export interface ClientsPageView extends ConsoleChrome {
  filter: { search: string; status: string; flagged: boolean };
  rows: ClientListRow[];
  psaConnected: boolean;
  nextHref: string | null;
}

const statusWords: Record<string, string> = { invited: "invited", active: "active", disabled: "access turned off" };

function row(view: ClientsPageView, r: ClientListRow): SafeHtml {
  const client = `${view.basePath}/admin/clients?email=${encodeURIComponent(r.email)}`;
  return html`<tr>
    <td><a href="${client}">${r.email}</a></td>
    <td>${statusWords[r.status] ?? r.status}${r.reason ? html`<br><span class="muted">${r.reason}</span>` : ""}</td>
    <td>${r.companies.length ? r.companies.join(", ") : html`<span class="muted">${view.psaConnected ? "not in the PSA's last snapshot" : "no PSA connected"}</span>`}</td>
    <td>${r.template}</td><td>${r.lastSignIn}</td>
    <td>${r.openFlags ? html`<span class="count" title="${r.openFlags} open">${r.openFlags}</span>` : "0"}</td>
    <td>${copyableLink(r.portalUrl, "Copy portal link")}<a href="${client}">Actions</a></td>
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
    <p class="muted">For one client's sign-in problems, lock, PSA answer and actions (resend, sign-in link, unlock, access off or on, support bundle), open their address.</p>
    <form method="get" action="${view.basePath}/admin/clients" class="filters">
      <label for="clients-lookup">Why can't a client sign in? Any address, with or without an account</label>
      <input id="clients-lookup" name="email" type="email" autocomplete="off"><button type="submit">Check this address</button>
    </form>`;
  const table = view.rows.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Email</th><th scope="col">Status</th><th scope="col">Company (PSA)</th><th scope="col">Template</th><th scope="col">Last sign-in</th><th scope="col">Open flags</th><th scope="col">Portal link</th></tr></thead>
        <tbody>${view.rows.map((r) => row(view, r))}</tbody></table></div>
        ${view.nextHref ? html`<p class="pager"><a href="${view.nextHref}">Next clients</a></p>` : ""}`
    : html`<p>No clients match.</p>`;
  const bulk = html`<p><a href="${view.basePath}/admin/clients/bulk">Invite clients in bulk</a> from a pasted list or a CSV, with a preview first.</p>`;
  return consolePage(view, "Clients", html`${bulk}${form}${table}`);
}

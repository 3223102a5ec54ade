import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { consolePage } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";

export interface TrailRow {
  at: string;
  email: string;
  reason: string;
  reasonWords: string;
  ip: string;
  userAgent: string;
  detail: string;
}

export interface TrailPageView extends ConsoleChrome {
  filter: { email: string; reason: string; from: string; to: string };
  reasons: Array<{ code: string; words: string }>;
  timeZone: string;
  errors: Record<string, string>;
  rows: TrailRow[];
  next: string | null;
}

const query = (params: Record<string, string>) => new URLSearchParams(Object.entries(params).filter(([, value]) => value !== "")).toString();

function filterForm(view: TrailPageView): SafeHtml {
  const { filter, errors } = view;
  const field = (name: "email" | "from" | "to", label: string, type: string) =>
    html`<label for="trail-${name}">${label}</label><input id="trail-${name}" name="${name}" type="${type}" value="${filter[name]}"${errors[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : ""}>
      ${errors[name] ? html`<p class="errors" id="${name}-error">${errors[name]}</p>` : ""}`;
  return html`<form method="get" action="${view.basePath}/admin/trail" class="filters">
      ${field("email", "Email (as typed, or any spelling of the same address)", "text")}
      <label for="trail-reason">What happened</label>
      <select id="trail-reason" name="reason"><option value="">Any</option>${view.reasons.map((r) => html`<option value="${r.code}"${r.code === filter.reason ? " selected" : ""}>${r.words} (${r.code})</option>`)}</select>
      ${errors.reason ? html`<p class="errors">${errors.reason}</p>` : ""}
      ${field("from", `From (a day, ${view.timeZone})`, "date")}
      ${field("to", `To (a day, ${view.timeZone}, included)`, "date")}
      <button type="submit">Show</button>
    </form>`;
}

/** The sign-in trail: filters, the matching attempts in words with their code, and the CSV export of the same. */
export function trailPage(view: TrailPageView): string {
  const { filter } = view;
  const rows = view.rows.map(
    (r) => html`<tr><td>${r.at}</td><td>${r.email}</td><td>${r.reasonWords} <code>${r.reason}</code>${r.detail ? html`<br><span class="muted">${r.detail}</span>` : ""}</td><td>${r.ip}</td><td class="muted">${r.userAgent}</td></tr>`,
  );
  const table = rows.length
    ? html`<div class="table-scroll"><table><thead><tr><th scope="col">When</th><th scope="col">Email typed</th><th scope="col">What happened</th><th scope="col">IP address</th><th scope="col">Browser</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>No sign-in attempts match.</p>`;
  const next = view.next ? html`<p class="pager"><a href="${view.basePath}/admin/trail?${query({ ...filter, cursor: view.next })}">Older attempts</a></p>` : "";
  return consolePage(
    view,
    "Sign-in trail",
    html`${Object.keys(view.errors).length ? html`<div class="alert" role="alert">Correct the filter marked below.</div>` : ""}
      ${filterForm(view)}
      <p><a class="button" href="${view.basePath}/admin/trail.csv?${query(filter)}" download>Download these as CSV</a></p>
      ${table}${next}`,
  );
}

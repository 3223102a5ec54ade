import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { confirmBox, consolePage } from "./console-layout";
import type { ConsoleChrome, Outcome } from "./console-layout";
import { outcomeBox } from "./home-page";

export interface StaffRow {
  id: string;
  email: string;
  role: string;
  status: string;
  lastSignIn: string | null;
  isYou: boolean;
}

export interface StaffPageView extends ConsoleChrome, Outcome {
  staff: StaffRow[];
  /** Roles this viewer may give a colleague (none: no invite form). */
  grantable: string[];
  /** Owners change roles and turn access off and on. */
  canManage: boolean;
}

const statusWords: Record<string, string> = { active: "active", invited: "invited, not claimed yet", disabled: "access turned off" };

function rowActions(view: StaffPageView, row: StaffRow): SafeHtml | string {
  if (!view.canManage || row.isYou) return row.isYou ? html`<span class="muted">(you)</span>` : "";
  const base = `${view.basePath}/admin/staff/${row.id}`;
  return html`<form method="post" action="${base}/role" class="inline">
      ${csrfField(view.csrfToken)}
      <label class="visually-hidden" for="role-${row.id}">Role for ${row.email}</label>
      <select id="role-${row.id}" name="role">${["owner", "admin", "support"].map((role) => html`<option value="${role}"${role === row.role ? " selected" : ""}>${role}</option>`)}</select>
      <button type="submit">Change role</button>
    </form>
    ${row.status === "disabled"
      ? html`<form method="post" action="${base}/access" class="inline">${csrfField(view.csrfToken)}<input type="hidden" name="access" value="on"><button type="submit">Turn access back on</button></form>`
      : html`<form method="post" action="${base}/access" class="inline">
          ${csrfField(view.csrfToken)}<input type="hidden" name="access" value="off">
          ${confirmBox(`off-${row.id}`, `Yes, turn off ${row.email}'s console access`)}
          <button type="submit" class="danger">Turn access off</button>
        </form>`}`;
}

/** Staff: every colleague with role and status; owners change roles and turn access off; owners and admins invite. */
export function staffPage(view: StaffPageView): string {
  const { basePath, csrfToken, grantable } = view;
  return consolePage(
    view,
    "Staff",
    html`${outcomeBox(view)}
      <div class="table-scroll"><table>
        <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Last signed in</th><th scope="col"></th></tr></thead>
        <tbody>${view.staff.map(
          (row) => html`<tr><td>${row.email}</td><td>${row.role}</td><td>${statusWords[row.status] ?? row.status}</td><td>${row.lastSignIn ?? "never"}</td><td>${rowActions(view, row)}</td></tr>`,
        )}</tbody>
      </table></div>
      ${view.canManage ? "" : html`<p class="muted">Only an owner can change a colleague's role or turn their access off.</p>`}`,
    grantable.length === 0
      ? ""
      : html`<div class="card">
      <h2>Invite a colleague to this console</h2>
      <form method="post" action="${basePath}/admin/staff" novalidate>
        ${csrfField(csrfToken)}
        <label for="staff-email">Colleague's email address</label>
        <input id="staff-email" name="email" type="email" autocomplete="off" required>
        <label for="staff-role">Role</label>
        <select id="staff-role" name="role">${grantable.map((role) => html`<option value="${role}"${role === "support" ? " selected" : ""}>${role}</option>`)}</select>
        <p><label><input type="radio" name="delivery" value="email" checked> Email the invite (the link works for one hour)</label>
        <label><input type="radio" name="delivery" value="copy"> Show me a link to share myself</label></p>
        <button type="submit">Invite to the console</button>
      </form>
    </div>`,
  );
}

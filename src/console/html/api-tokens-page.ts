import { html } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { consolePage, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";
import type { ApiTokenView } from "../../api-tokens/use-cases/manage-api-tokens";

export interface ApiTokensPageOptions extends ConsoleChrome {
  tokens: ApiTokenView[];
  canManage: boolean;
  /** Roles this staff member may give a token (up to their own). */
  roles: string[];
  /** The token just made: shown on this page once, never stored. */
  created?: { name: string; token: string };
  notice?: string;
  alert?: string;
}

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

/** The firm's API tokens (never a token itself, only its first characters), a form to make one, and revoke buttons. */
export function apiTokensPage(options: ApiTokensPageOptions): string {
  const { basePath, csrfToken, canManage } = options;
  const rows = options.tokens.map(
    (token) => html`<tr>
      <td>${token.name}</td><td>${token.role}</td><td><code>${token.prefix}…</code></td>
      <td>${when(token.lastUsedAt)}</td>
      <td>${token.revokedAt ? `revoked ${when(token.revokedAt)} by ${token.revokedBy ?? "?"}` : "active"}</td>
      <td>${canManage && !token.revokedAt
        ? html`<form method="post" action="${basePath}/admin/api-tokens/${token.id}/revoke">
            ${csrfField(csrfToken)}
            <button type="submit" class="danger">Revoke</button>
          </form>`
        : ""}</td>
    </tr>`,
  );
  const content = html`${noticeAndAlert(options.notice, options.alert)}
    ${options.created
      ? html`<div class="notice" role="status">
          <p>API token "${options.created.name}": copy it now, it is shown only this once.</p>
          <p><code class="wrap">${options.created.token}</code></p>
          <p>Send it as <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/admin/v1</code>.</p>
        </div>`
      : ""}
    <p>Tokens let your firm's scripts use the admin API with a staff role. The gateway keeps only a fingerprint of each.</p>
    ${options.tokens.length
      ? html`<table><thead><tr><th>Name</th><th>Role</th><th>Starts with</th><th>Last used</th><th>State</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p>No API tokens yet.</p>`}
    ${canManage
      ? html`<h2>Make a token</h2>
        <form method="post" action="${basePath}/admin/api-tokens">
          ${csrfField(csrfToken)}
          <label>What it is for <input name="name" maxlength="80" required></label>
          <label>Role <select name="role">${options.roles.map((role) => html`<option value="${role}">${role}</option>`)}</select></label>
          <button type="submit">Make token</button>
        </form>`
      : html`<p>Only owners and admins make and revoke tokens.</p>`}`;
  return consolePage(options, "API tokens", content);
}

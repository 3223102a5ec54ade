import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { consolePage, copyableLink } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";
import type { ConnectorFormField } from "../../psa/connector-form";

export interface PsaConnectionView extends ConsoleChrome {
  /** Only owners and admins change the connection; support staff can look and test. */
  canEdit: boolean;
  current: { label: string; settings: Array<{ label: string; value: string }> } | null;
  choices: Array<{ kind: string; label: string }>;
  editing: { kind: string; label: string; fields: ConnectorFormField[]; keepsSecrets: boolean; values: Record<string, string> };
  result?: { ok: boolean; message: string };
  problems?: string[];
  /** The connector's webhook setup words when its PSA posts changes (null: it posts none). */
  webhook: { setupInstructions: string | null; exists: boolean; justCreated?: string };
}

/** Staff console > PSA connection: what is connected, "Test connection", and the settings form (no scripts). */
export function psaConnectionPage(view: PsaConnectionView): string {
  const { basePath, csrfToken, current } = view;
  return consolePage(
    view,
    "PSA connection",
    html`${view.result
        ? view.result.ok
          ? html`<p class="notice" role="status">Test connection: ${view.result.message}</p>`
          : html`<div class="alert" role="alert">Test connection failed: ${view.result.message}</div>`
        : ""}
      ${view.problems?.length ? html`<div class="alert" role="alert"><p>Nothing was saved. Correct these and save again:</p><ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ""}
      ${current
        ? html`<h2>Connected to ${current.label}</h2>
            <dl class="fields">${current.settings.map((s) => html`<div><dt>${s.label}</dt><dd>${s.value}</dd></div>`)}</dl>
            <form method="post" action="${basePath}/admin/psa/test">
              <input type="hidden" name="_csrf" value="${csrfToken}">
              <button type="submit">Test connection</button>
            </form>`
        : html`<p>No PSA is connected yet: clients who sign in are told the firm's system is not set up.</p>`}`,
    html`${current && view.webhook.setupInstructions ? webhookCard(view, view.webhook.setupInstructions) : ""}
    ${view.canEdit ? settingsCard(view) : ""}`,
  );
}

/** The settings form for the connector being edited: its fields come from the connector's settings schema. */
function settingsCard(view: PsaConnectionView): SafeHtml {
  const { basePath, csrfToken, current, editing } = view;
  return html`<div class="card">
          <h2>${current ? "Change the connection" : "Connect a PSA"}</h2>
          <p>${view.choices.map((c, i) => html`${i ? " · " : ""}${c.kind === editing.kind ? html`<strong>${c.label}</strong>` : html`<a href="${basePath}/admin/psa?kind=${c.kind}">${c.label}</a>`}`)}</p>
          <form method="post" action="${basePath}/admin/psa" novalidate>
            <input type="hidden" name="_csrf" value="${csrfToken}">
            <input type="hidden" name="kind" value="${editing.kind}">
            ${editing.fields.map((f) => {
              const id = `psa-${f.name.replace(/\W/g, "-")}`;
              const hint = f.secret && editing.keepsSecrets ? html` <span class="muted">(saved: leave blank to keep)</span>` : f.required ? "" : html` <span class="muted">(optional)</span>`;
              const value = f.secret ? "" : (editing.values[f.name] ?? "");
              return html`<label for="${id}">${f.label}${hint}</label>
                ${f.input === "textarea"
                  ? html`<textarea id="${id}" name="${f.name}" rows="4" placeholder="${f.placeholder ?? ""}">${value}</textarea>`
                  : html`<input id="${id}" name="${f.name}" type="${f.input}" value="${value}" placeholder="${f.placeholder ?? ""}" autocomplete="off">`}`;
            })}
            <button type="submit">Save and test the ${editing.label} connection</button>
          </form>
        </div>`;
}

/** The webhook address: so a change in the PSA shows on the client's next page load, not after the cache lifetime. */
function webhookCard(view: PsaConnectionView, setupInstructions: string): SafeHtml {
  const { basePath, csrfToken, webhook } = view;
  return html`<div class="card">
    <h2>Webhook address</h2>
    <p>With a webhook, a change in the PSA (an email added to a contact, a contact archived, a company made
    inactive) shows on the client's next page load instead of after the cache lifetime.</p>
    ${webhook.justCreated
      ? html`<div class="notice" role="status"><p>Copy this address now: it is shown only once.</p>${copyableLink(webhook.justCreated, "Copy address")}
          <p class="muted">${setupInstructions}</p></div>`
      : html`<p>${webhook.exists ? "A webhook address is set. Replacing it retires the old one." : "No webhook address yet."}</p>`}
    ${view.canEdit
      ? html`<form method="post" action="${basePath}/admin/psa/webhook">
          <input type="hidden" name="_csrf" value="${csrfToken}">
          <button type="submit">${webhook.exists ? "Replace the webhook address" : "Create a webhook address"}</button>
        </form>`
      : ""}
  </div>`;
}

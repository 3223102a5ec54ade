import { html } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { consolePage, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";
import type { ConnectorFormField, FieldProblem } from "../../psa/connector-form";
import { settingsCard } from "./psa-settings-form";
import { webhookCard } from "./psa-webhook-card";
import type { WebhookSetupView } from "./psa-webhook-card";

export interface PsaConnectionView extends ConsoleChrome {
  /** Only owners and admins change the connection; support staff can look and test. */
  canEdit: boolean;
  current: { label: string; settings: Array<{ label: string; value: string }> } | null;
  choices: Array<{ kind: string; label: string }>;
  editing: {
    kind: string;
    label: string;
    fields: ConnectorFormField[];
    keepsSecrets: boolean;
    values: Record<string, string>;
    /** The connector can find settings from what was typed ("Find settings"). */
    discovers: boolean;
    /** What the gateway's operator set for this firm and connector (the demo's folder), offered as a choice. */
    operatorChoice: Array<{ label: string; value: string }> | null;
  };
  test?: { ok: boolean; message: string };
  notice?: string;
  alert?: string;
  /** Problems with what was typed, each shown under its field (and listed at the top). */
  problems?: FieldProblem[];
  /** What "Find settings" found. */
  notes?: string[];
  webhook: WebhookSetupView;
}

/** Staff console > PSA connection: what is connected, "Test connection", and the settings form (no scripts). */
export function psaConnectionPage(view: PsaConnectionView): string {
  const { basePath, csrfToken, current } = view;
  const fieldNames = new Set(view.editing.fields.map((field) => field.setting));
  // Problems not under a field of the form (the settings as a whole) are listed at the top.
  const unplaced = (view.problems ?? []).filter((problem) => !problem.field || !fieldNames.has(problem.field));
  return consolePage(
    view,
    "PSA connection",
    html`${noticeAndAlert(view.notice, view.alert)}
      ${unplaced.length ? html`<div class="alert" role="alert"><ul>${unplaced.map((p) => html`<li>${p.text}</li>`)}</ul></div>` : ""}
      ${view.test
        ? view.test.ok
          ? html`<p class="notice" role="status">Test connection: ${view.test.message}</p>`
          : html`<div class="alert" role="alert">Test connection failed: ${view.test.message}</div>`
        : ""}
      ${view.notes?.length ? html`<div class="notice" role="status"><p>Found from your PSA and filled in below (check, then save):</p><ul>${view.notes.map((n) => html`<li>${n}</li>`)}</ul></div>` : ""}
      ${current
        ? html`<h2>Connected to ${current.label}</h2>
            <dl class="fields">${current.settings.map((s) => html`<div><dt>${s.label}</dt><dd>${s.value}</dd></div>`)}</dl>
            <form method="post" action="${basePath}/admin/psa/test">
              ${csrfField(csrfToken)}
              <button type="submit">Test connection</button>
            </form>`
        : html`<p>No PSA is connected yet: clients who sign in are told the firm's system is not set up.</p>`}`,
    html`${current ? webhookCard(view, view.webhook) : ""}
    ${view.canEdit ? settingsCard(view) : ""}`,
  );
}

import { connectorWebhooks } from "../../../connectors/registry";
import type { WebhookSetup } from "../../../connectors/types";
import type { Firm } from "../../generated/prisma/client";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { copyableLink } from "./console-layout";

/** The webhook part of the PSA page: what the connector says to set up in the PSA, with the values to paste. */
export interface WebhookSetupView {
  /** The connector's setup, with the address and signing secret when just made (null: its PSA posts no changes). */
  setup: WebhookSetup | null;
  exists: boolean;
  /** True right after the address was made: the values are real and shown this once. */
  justCreated: boolean;
  /** The PSA signs with a shared secret but this (older) address has none: unsigned deliveries are still taken. */
  unsignedAccepted: boolean;
}

export function webhookSetupView(firm: Firm, kind: string | null, created?: { address: string; signingSecret: string | null }): WebhookSetupView {
  const webhooks = connectorWebhooks(kind);
  const shared = webhooks?.signing?.kind === "shared_secret";
  const shown = created ?? { address: "(the address, shown once when it is created)", signingSecret: shared ? "(the signing secret, shown once with the address)" : null };
  return {
    setup: webhooks ? webhooks.setup(shown) : null,
    exists: firm.webhookSecretHash !== null,
    justCreated: created !== undefined,
    unsignedAccepted: shared && firm.webhookSecretHash !== null && firm.webhookSigningSecret === null,
  };
}

function setupSteps(setup: WebhookSetup, real: boolean): SafeHtml {
  return html`<p>${setup.where}</p>
    <dl class="paste">${setup.paste.map((p) => html`<dt>${p.field}</dt><dd>${real ? copyableLink(p.value, `Copy ${p.field}`) : html`<span class="muted">${p.value}</span>`}</dd>`)}</dl>
    ${setup.notes.map((note) => html`<p class="muted">${note}</p>`)}`;
}

/** The webhook address: so a change in the PSA shows on the client's next page load, not after the cache lifetime. */
export function webhookCard(view: { basePath: string; csrfToken: string; canEdit: boolean }, webhook: WebhookSetupView): SafeHtml {
  const { basePath, csrfToken } = view;
  if (!webhook.setup) return html``;
  return html`<div class="card">
    <h2>Webhook address</h2>
    <p>With a webhook, a change in the PSA (an email added to a contact, a contact archived, a company made
    inactive) shows on the client's next page load instead of after the cache lifetime.</p>
    ${webhook.justCreated
      ? html`<div class="notice" role="status"><p>Copy these now: they are shown only once. Paste each value into the PSA's field of that name.</p>
          ${setupSteps(webhook.setup, true)}</div>`
      : html`<p>${webhook.exists ? "A webhook address is set. Replacing it retires the old one." : "No webhook address yet."}</p>
          ${webhook.unsignedAccepted ? html`<p class="alert">This address was made before signing secrets: the PSA's deliveries are taken unsigned. Replace it to get a signing secret, and unsigned deliveries are then refused.</p>` : ""}
          ${setupSteps(webhook.setup, false)}`}
    ${view.canEdit
      ? html`<form method="post" action="${basePath}/admin/psa/webhook">
          ${csrfField(csrfToken)}
          <button type="submit">${webhook.exists ? "Replace the webhook address" : "Create a webhook address"}</button>
        </form>`
      : ""}
  </div>`;
}

import { connectorWebhooks } from "../../../connectors/registry";
import type { Firm } from "../../generated/prisma/client";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";

/** The webhook part of the PSA page: what the connector says to set up in the PSA, and the address shown once. */
export interface WebhookSetupView {
  /** The connector's setup words (null: its PSA posts no changes). */
  setup: string | null;
  exists: boolean;
  justCreated?: string;
}

export function webhookSetupView(firm: Firm, kind: string | null, justCreated?: string): WebhookSetupView {
  return { setup: connectorWebhooks(kind)?.setupInstructions ?? null, exists: firm.webhookSecretHash !== null, justCreated };
}

/** The webhook address: so a change in the PSA shows on the client's next page load, not after the cache lifetime. */
export function webhookCard(view: { basePath: string; csrfToken: string; canEdit: boolean }, webhook: WebhookSetupView): SafeHtml {
  const { basePath, csrfToken } = view;
  return html`<div class="card">
    <h2>Webhook address</h2>
    <p>With a webhook, a change in the PSA (an email added to a contact, a contact archived, a company made
    inactive) shows on the client's next page load instead of after the cache lifetime.</p>
    ${webhook.justCreated
      ? html`<div class="notice" role="status"><p>Copy this address now: it is shown only once.</p><p><code>${webhook.justCreated}</code></p>
          <p class="muted">${webhook.setup}</p></div>`
      : html`<p>${webhook.exists ? "A webhook address is set. Replacing it retires the old one." : "No webhook address yet."}</p>`}
    ${view.canEdit
      ? html`<form method="post" action="${basePath}/admin/psa/webhook">
          <input type="hidden" name="_csrf" value="${csrfToken}">
          <button type="submit">${webhook.exists ? "Replace the webhook address" : "Create a webhook address"}</button>
        </form>`
      : ""}
  </div>`;
}

import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import type { SettingField } from "../use-cases/firm-settings";
import { LOGO_TYPES } from "../../firms/use-cases/firm-logo";
import { confirmBox, consolePage } from "./console-layout";
import type { ConsoleChrome, Outcome } from "./console-layout";
import { outcomeBox } from "./home-page";

export interface SettingsPageView extends ConsoleChrome, Outcome {
  canEdit: boolean;
  canReadLog: boolean;
  name: string;
  slug: string;
  /** The current logo's address, served by the gateway. */
  logoSrc: string | null;
  portalUrl: string;
  oldSlugs: string[];
  domains: string[];
  fields: readonly SettingField[];
  values: Record<string, string>;
  /** Field-level problems, keyed like `values` (and "name", "slug", "domain"). */
  errors: Record<string, string>;
  /** What was typed in the identity forms when they are shown again with a problem. */
  typed: { name?: string; slug?: string; domain?: string };
}

const groupWords: Record<string, string> = {
  branding: "Look",
  contact: "Support contact (used in every “contact your firm” message, on the portal and in emails)",
  regional: "Dates, times and amounts",
  portal: "Client portal",
  security: "Sign-in security",
  links: "Link lifetimes (empty: the product's default)",
  sync: "PSA sync",
};

const errorOf = (view: SettingsPageView, key: string): SafeHtml | "" => (view.errors[key] ? html`<p class="errors" id="${key}-error">${view.errors[key]}</p>` : "");
const described = (view: SettingsPageView, key: string, hint: string | null) =>
  [view.errors[key] ? `${key}-error` : "", hint ? `${key}-hint` : ""].filter(Boolean).join(" ");

function control(view: SettingsPageView, field: SettingField): SafeHtml {
  const id = `setting-${field.key}`;
  const value = view.values[field.key] ?? "";
  const disabled = view.canEdit ? "" : html` disabled`;
  const describedBy = described(view, field.key, field.hint);
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ""}${view.errors[field.key] ? html` aria-invalid="true"` : ""}`;
  const hint = field.hint ? html`<p class="muted" id="${field.key}-hint">${field.hint}</p>` : "";
  if (field.input === "checkbox") {
    return html`<label class="ack" for="${id}"><input id="${id}" type="checkbox" name="${field.key}" value="yes"${value === "yes" ? " checked" : ""}${disabled}${aria}> ${field.label}</label>${hint}${errorOf(view, field.key)}`;
  }
  const input =
    field.input === "choice"
      ? html`<select id="${id}" name="${field.key}"${disabled}${aria}><option value="">Product default</option>${field.options.map((option) => html`<option value="${option}"${option === value ? " selected" : ""}>${option}</option>`)}</select>`
      : html`<input id="${id}" name="${field.key}" type="text"${field.input === "number" ? html` inputmode="numeric"` : ""} value="${value}" placeholder="Product default"${disabled}${aria}>`;
  return html`<label for="${id}">${field.label}</label>${input}${hint}${errorOf(view, field.key)}`;
}

function settingsForm(view: SettingsPageView): SafeHtml {
  const groups = [...new Set(view.fields.map((field) => field.group))];
  return html`<form method="post" action="${view.basePath}/admin/settings" novalidate>
    ${csrfField(view.csrfToken)}
    ${groups.map((group) => html`<fieldset><legend>${groupWords[group] ?? group}</legend>${view.fields.filter((f) => f.group === group).map((field) => control(view, field))}</fieldset>`)}
    ${view.canEdit ? html`<button type="submit">Save settings</button>` : ""}
  </form>`;
}

function identityForm(view: SettingsPageView, action: string, key: "name" | "slug", label: string, value: string, button: string): SafeHtml {
  if (!view.canEdit) return html`<p><strong>${label}:</strong> ${value}</p>`;
  return html`<form method="post" action="${view.basePath}/admin/settings/${action}" novalidate>
    ${csrfField(view.csrfToken)}
    <label for="firm-${key}">${label}</label>
    <input id="firm-${key}" name="${key}" type="text" value="${view.typed[key] ?? value}"${view.errors[key] ? html` aria-invalid="true" aria-describedby="${key}-error"` : ""}>
    ${errorOf(view, key)}
    <button type="submit">${button}</button>
  </form>`;
}

function logoCard(view: SettingsPageView): SafeHtml {
  const current = view.logoSrc ? html`<p><img src="${view.logoSrc}" alt="The firm's current logo" style="max-height:4rem;max-width:16rem"></p>` : html`<p>No logo: the portal shows the firm's name.</p>`;
  if (!view.canEdit) return html`<div class="card"><h2>Logo</h2>${current}</div>`;
  return html`<div class="card"><h2>Logo</h2>${current}
    <form method="post" action="${view.basePath}/admin/settings/logo" enctype="multipart/form-data">
      ${csrfField(view.csrfToken)}
      <label for="firm-logo">A PNG, JPEG, GIF or WebP image, at most 200 KB</label>
      <input id="firm-logo" name="logo" type="file" accept="${LOGO_TYPES.join(",")}"${view.errors.logo ? html` aria-invalid="true" aria-describedby="logo-error"` : ""}>
      ${errorOf(view, "logo")}
      <button type="submit">Upload the logo</button>
    </form>
    ${view.logoSrc ? html`<form method="post" action="${view.basePath}/admin/settings/logo/remove">${csrfField(view.csrfToken)}<button type="submit" class="danger">Remove the logo</button></form>` : ""}
  </div>`;
}

function domainsCard(view: SettingsPageView): SafeHtml {
  const rows = view.domains.map(
    (domain) => html`<li><strong>${domain}</strong>${view.canEdit
      ? html` <form method="post" action="${view.basePath}/admin/settings/domains/remove" class="inline">
          ${csrfField(view.csrfToken)}<input type="hidden" name="domain" value="${domain}">
          ${confirmBox(`remove-${domain}`, `Yes, stop serving the portal at ${domain}`)}
          <button type="submit" class="danger">Remove</button></form>`
      : ""}</li>`,
  );
  return html`<div class="card"><h2>Custom domains</h2>
    <p class="muted">A host name your firm points at this gateway (a CNAME record) serves your portal without the /${view.slug} in the address.</p>
    ${view.domains.length ? html`<ul>${rows}</ul>` : html`<p>None yet.</p>`}
    ${view.canEdit
      ? html`<form method="post" action="${view.basePath}/admin/settings/domains" novalidate>
          ${csrfField(view.csrfToken)}
          <label for="firm-domain">Add a domain</label>
          <input id="firm-domain" name="domain" type="text" placeholder="portal.yourfirm.com" value="${view.typed.domain ?? ""}"${view.errors.domain ? html` aria-invalid="true" aria-describedby="domain-error"` : ""}>
          ${errorOf(view, "domain")}
          <button type="submit">Add domain</button>
        </form>`
      : ""}
  </div>`;
}

/** Settings: the firm's name, address and domains, then every setting of config/firm-settings.ts, grouped. */
export function settingsPage(view: SettingsPageView): string {
  return consolePage(
    view,
    "Settings",
    html`${outcomeBox(view)}
      ${view.canEdit ? "" : html`<p class="muted">You can read these settings; only the firm's owners and admins change them.</p>`}
      ${view.canReadLog ? html`<p>Every change is kept in the <a href="${view.basePath}/admin/audit">audit log</a>.</p>` : ""}
      ${identityForm(view, "name", "name", "Firm name", view.name, "Rename")}
      ${identityForm(view, "slug", "slug", "Portal address (slug)", view.slug, "Change the address")}
      <p class="muted">Clients' portal: <a href="${view.portalUrl}">${view.portalUrl}</a>.${view.oldSlugs.length ? ` Earlier addresses that still redirect here: ${view.oldSlugs.join(", ")}.` : ""}</p>`,
    html`${logoCard(view)}${domainsCard(view)}
    <div class="card"><h2>Portal and sign-in settings</h2>${settingsForm(view)}</div>`,
  );
}

import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import type { ConnectorFormField } from "../../psa/connector-form";
import { USE_OPERATOR_SETTINGS } from "../../psa/connector-form";
import type { PsaConnectionView } from "./psa-connection-page";

const idOf = (field: ConnectorFormField) => `psa-${field.name.replace(/\W/g, "-")}`;

/** One field: its label, the input, the vendor's help text under it, and what is wrong with it. */
function fieldRow(view: PsaConnectionView, field: ConnectorFormField, first: boolean): SafeHtml {
  const { editing } = view;
  const id = idOf(field);
  const problems = first ? (view.problems ?? []).filter((problem) => problem.field === field.setting) : [];
  const hint = field.secret && editing.keepsSecrets ? html` <span class="muted">(saved: leave blank to keep)</span>` : field.required ? "" : html` <span class="muted">(optional)</span>`;
  const value = field.secret ? "" : (editing.values[field.name] ?? "");
  const described = [field.help ? `${id}-help` : "", problems.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  const invalid = problems.length ? html` aria-invalid="true"` : "";
  const describedBy = described ? html` aria-describedby="${described}"` : "";
  return html`<label for="${id}">${field.label}${hint}</label>
    ${field.input === "textarea"
      ? html`<textarea id="${id}" name="${field.name}" rows="4" placeholder="${field.placeholder ?? ""}"${describedBy}${invalid}>${value}</textarea>`
      : html`<input id="${id}" name="${field.name}" type="${field.input}" value="${value}" placeholder="${field.placeholder ?? ""}" autocomplete="off"${describedBy}${invalid}>`}
    ${problems.length ? html`<p class="field-error" id="${id}-error">${problems.map((p, i) => html`${i ? html`<br>` : ""}${p.text}`)}</p>` : ""}
    ${field.help ? html`<p class="muted" id="${id}-help">${field.help}</p>` : ""}`;
}

/** The operator's settings for this firm (a folder on the gateway's disk) can be chosen again, never typed. */
function operatorChoice(view: PsaConnectionView): SafeHtml | "" {
  const choice = view.editing.operatorChoice;
  if (!choice) return "";
  return html`<fieldset><legend>Use what the gateway's operator set up for this portal</legend>
    <label><input type="checkbox" name="${USE_OPERATOR_SETTINGS}" value="yes"> ${choice.map((s) => `${s.label}: ${s.value}`).join(", ")}</label>
    <p class="muted">Ticked, the fields below are not needed.</p></fieldset>`;
}

/** The settings form for the connector being edited: its fields come from the connector's own description. */
export function settingsCard(view: PsaConnectionView): SafeHtml {
  const { basePath, csrfToken, current, editing } = view;
  const seen = new Set<string>();
  return html`<div class="card">
          <h2>${current ? "Change the connection" : "Connect a PSA"}</h2>
          <p>${view.choices.map((c, i) => html`${i ? " · " : ""}${c.kind === editing.kind ? html`<strong>${c.label}</strong>` : html`<a href="${basePath}/admin/psa?kind=${c.kind}">${c.label}</a>`}`)}</p>
          <form method="post" action="${basePath}/admin/psa" novalidate>
            ${csrfField(csrfToken)}
            <input type="hidden" name="kind" value="${editing.kind}">
            ${operatorChoice(view)}
            ${editing.fields.map((field) => {
              const first = !seen.has(field.setting);
              seen.add(field.setting);
              return fieldRow(view, field, first);
            })}
            <p><button type="submit" name="intent" value="test_first">Test and save the ${editing.label} connection</button>
              <span class="muted">Saved only if the PSA answers; otherwise the current connection stays.</span></p>
            ${editing.discovers
              ? html`<p><button type="submit" formaction="${basePath}/admin/psa/discover">Find settings</button>
                  <span class="muted">Not sure of a value? Your PSA is asked for what it can tell from what you typed so far; nothing is saved.</span></p>`
              : ""}
            <p><button type="submit" name="intent" value="save_even_if_failing" class="link">Save even if the test fails</button>
              <span class="muted">Until the settings work, clients see "project information unavailable".</span></p>
          </form>
        </div>`;
}

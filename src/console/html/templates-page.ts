import { html } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { consolePage, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";

export interface TemplateRow {
  name: string;
  label: string;
  /** Whether the firm set its own field set (otherwise the product default shows). */
  custom: boolean;
  fields: Array<{ name: string; label: string; on: boolean }>;
  sections: Array<{ name: string; on: boolean }>;
}

export interface CompanyOverrideRow {
  externalId: string;
  name: string;
  template: string | null;
}

/**
 * The firm's portal templates: the default every client gets, what each template shows, and the companies that
 * get another one. A client's own override is set on the client access page, where its effect is visible.
 */
export function templatesPage(options: ConsoleChrome & {
  canEdit: boolean;
  defaultTemplate: string;
  templates: TemplateRow[];
  companies: CompanyOverrideRow[];
  notice?: string;
  alert?: string;
}): string {
  const { basePath, csrfToken, canEdit, defaultTemplate, templates, companies, notice, alert } = options;
  const disabled = canEdit ? "" : " disabled";
  const csrf = csrfField(csrfToken);
  const templateOptions = (selected: string | null, inherit: boolean) => html`${inherit ? html`<option value="inherit"${selected ? "" : " selected"}>Portal default (${defaultTemplate})</option>` : ""}${templates.map(
    (t) => html`<option value="${t.name}"${t.name === selected ? " selected" : ""}>${t.label}</option>`,
  )}`;
  return consolePage(
    options,
    "Portal templates",
    html`<p>Every client sees their projects through one template. It is the client's own choice if set (on the client
        access page), else their company's, else the portal default. A field left out is never sent to the client's
        browser, in the page or in the API.</p>
      ${noticeAndAlert(notice, alert)}
      ${canEdit ? "" : html`<p class="muted">Only an owner or admin can change templates.</p>`}
      <p class="muted">A field shows only when its page section is on too: status, phase and progress with the summary, the dates
        with the schedule, budget, invoiced and hours with the financials, the manager and their email and phone with the team.</p>
      <form method="post" action="${basePath}/admin/templates/default">
        ${csrf}
        <label for="default-template">Portal default</label>
        <select id="default-template" name="template"${disabled}>${templateOptions(defaultTemplate, false)}</select>
        <button type="submit"${disabled}>Save default</button>
      </form>
      ${templates.map(
        (t) => html`<form method="post" action="${basePath}/admin/templates/${t.name}" class="card">
          ${csrf}<input type="hidden" name="fieldset" value="${t.name}">
          <h2>${t.label} <span class="muted">${t.custom ? "(this portal's own set)" : "(product default)"}</span></h2>
          <fieldset><legend>Project fields shown</legend>
            ${t.fields.map((f) => html`<label><input type="checkbox" name="fields" value="${f.name}"${f.on ? " checked" : ""}${disabled}> ${f.label}</label> `)}
          </fieldset>
          <fieldset><legend>Page sections</legend>
            ${t.sections.map((s) => html`<label><input type="checkbox" name="sections" value="${s.name}"${s.on ? " checked" : ""}${disabled}> ${s.name}</label> `)}
          </fieldset>
          <button type="submit"${disabled}>Save ${t.label}</button>
          ${t.custom ? html`<button type="submit" name="reset" value="yes"${disabled}>Back to the product default</button>` : ""}
        </form>`,
      )}
      <h2>Companies with their own template</h2>
      ${companies.length === 0
        ? html`<p>No PSA companies known yet: they appear here after the first PSA snapshot.</p>`
        : html`<table>
            <thead><tr><th scope="col">Company</th><th scope="col">Template</th></tr></thead>
            <tbody>${companies.map(
              (c) => html`<tr><td>${c.name} <span class="muted">(${c.externalId})</span></td><td>
                <form method="post" action="${basePath}/admin/templates/company">
                  ${csrf}<input type="hidden" name="company" value="${c.externalId}">
                  <label class="visually-hidden" for="co-${c.externalId}">Template for ${c.name}</label>
                  <select id="co-${c.externalId}" name="template"${disabled}>${templateOptions(c.template, true)}</select>
                  <button type="submit"${disabled}>Save</button>
                </form></td></tr>`,
            )}</tbody>
          </table>`}`,
  );
}

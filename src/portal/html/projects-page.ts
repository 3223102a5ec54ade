import type { Firm } from "../../generated/prisma/client";
import type { CompanyRef } from "../company-answers";
import type { PresentedProject } from "../present-project";
import type { ProjectField } from "../../../config/templates";
import { formatterFor, pageBrandOf } from "../../firms/firm-presentation";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";
import { projectFieldList } from "./project-fields";

export interface PortalChrome {
  firm: Firm;
  basePath: string;
  email: string;
  csrfToken: string;
}

/** "Showing information as of ...": shown whenever the answer did not come fresh from the PSA. */
export function staleNote(firm: Firm, asOf: Date, stale: boolean): SafeHtml {
  if (!stale) return html``;
  return html`<p class="notice muted" role="status">Showing information as of ${formatterFor(firm).dateTime(asOf)}: ${firm.name}'s system is not answering right now.</p>`;
}

export function portalPage(chrome: PortalChrome, title: string, body: SafeHtml): string {
  return layout({ title, firmName: chrome.firm.name, ...pageBrandOf(chrome.firm, chrome.basePath), signedIn: { email: chrome.email, logoutAction: `${chrome.basePath}/logout`, csrfToken: chrome.csrfToken }, body });
}

function companySwitcher(chrome: PortalChrome, company: CompanyRef, companies: CompanyRef[]): SafeHtml {
  if (companies.length < 2) return html``;
  return html`<form method="post" action="${chrome.basePath}/company" class="switcher">
    <input type="hidden" name="_csrf" value="${chrome.csrfToken}">
    <label for="company">Company</label>
    <select id="company" name="company">${companies.map((c) => html`<option value="${c.externalId}"${c.externalId === company.externalId ? html` selected` : ""}>${c.name}</option>`)}</select>
    <button type="submit">Show this company</button>
  </form>`;
}

export function projectsPage(
  chrome: PortalChrome,
  view: { company: CompanyRef; companies: CompanyRef[]; projects: PresentedProject[]; fields: ProjectField[]; asOf: Date; stale: boolean },
): string {
  const list =
    view.projects.length === 0
      ? html`<p class="notice">${view.company.name} has no active projects right now. When ${chrome.firm.name} starts one, it will appear here.</p>`
      : html`<ul class="projects">${view.projects.map(
          (p) => html`<li class="card"><h2><a href="${chrome.basePath}/projects/${encodeURIComponent(p.id)}">${p.name}</a></h2>${projectFieldList(formatterFor(chrome.firm), p, view.fields, ["description"])}</li>`,
        )}</ul>`;
  return portalPage(
    chrome,
    "Your projects",
    html`${staleNote(chrome.firm, view.asOf, view.stale)}
      <h1>${view.company.name}: projects</h1>
      ${companySwitcher(chrome, view.company, view.companies)}
      ${list}`,
  );
}

export function messagePage(chrome: PortalChrome, title: string, message: string, extra: SafeHtml = html``): string {
  return portalPage(chrome, title, html`<div class="card" role="status"><h1>${title}</h1><p>${message}</p>${extra}</div>`);
}

import type { Firm } from "../../generated/prisma/client";
import type { CompanyRef } from "../company-answers";
import type { PresentedProject, ProjectState } from "../present-project";
import type { ListView, ProjectFilter, ProjectSort } from "../project-list";
import { formatterFor, pageBrandOf } from "../../firms/firm-presentation";
import { contactLine } from "../../platform/html/firm-contact";
import type { FirmContact } from "../../platform/html/firm-contact";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { layout } from "../../platform/html/layout";
import { fieldList, progressBar, projectTags } from "./project-view";

export interface PortalChrome {
  firm: Firm;
  basePath: string;
  email: string;
  csrfToken: string;
  timeZone: string;
  contact: FirmContact;
  /** Where the client's pages live: the portal, or a staff member's read-only preview of them. */
  pagesPath: string;
  /** Set when a staff member previews what this client sees: read-only, and marked as such on every page. */
  preview?: { clientEmail: string; backHref: string; note?: string; company?: string };
}

/** A link to one of the client's pages; a preview keeps the company it shows (it is a link parameter, never stored). */
export function pageHref(chrome: PortalChrome, page: string, query: Record<string, string> = {}): string {
  const params = new URLSearchParams({ ...(chrome.preview?.company ? { company: chrome.preview.company } : {}), ...query }).toString();
  return `${chrome.pagesPath}/${page}${params ? `?${params}` : ""}`;
}

/** "Showing information as of ...": shown whenever the answer did not come fresh from the PSA. */
export function staleNote(chrome: PortalChrome, asOf: Date, stale: boolean): SafeHtml {
  if (!stale) return html``;
  return html`<p class="notice muted" role="status">Showing information as of ${formatterFor(chrome.firm).dateTime(asOf)}: ${chrome.firm.name}'s system is not answering right now.</p>`;
}

const previewBanner = (chrome: PortalChrome) =>
  chrome.preview
    ? html`<div class="preview-banner" role="note"><p><strong>Preview, read-only:</strong> this is what ${chrome.preview.clientEmail} sees. Nothing here acts for them.
        <a href="${chrome.preview.backHref}">Back to the client's page</a></p>${chrome.preview.note ? html`<p>${chrome.preview.note}</p>` : ""}</div>`
    : html``;

export function portalPage(chrome: PortalChrome, title: string, body: SafeHtml): string {
  return layout({
    title: chrome.preview ? `Preview: ${title}` : title,
    firmName: chrome.firm.name,
    ...pageBrandOf(chrome.firm, chrome.basePath),
    signedIn: { email: chrome.email, logoutAction: `${chrome.basePath}/logout`, csrfToken: chrome.csrfToken },
    body: html`${previewBanner(chrome)}${body}`,
  });
}

/**
 * The companies of a contact in several, one button each: a single press shows that company (no script needed,
 * and none used). In a preview the choice is a plain link, so nothing is stored for the client.
 */
function companySwitcher(chrome: PortalChrome, company: CompanyRef, companies: CompanyRef[]): SafeHtml {
  if (companies.length < 2) return html``;
  if (chrome.preview) {
    return html`<nav class="switcher" aria-label="Companies"><p>Companies: ${companies.map(
      (c, i) => html`${i ? " · " : ""}${c.externalId === company.externalId ? html`<strong aria-current="page">${c.name}</strong>` : html`<a href="${pageHref(chrome, "", { company: c.externalId })}">${c.name}</a>`}`,
    )}</p></nav>`;
  }
  return html`<form method="post" action="${chrome.basePath}/company" class="switcher">
    ${csrfField(chrome.csrfToken)}
    <fieldset><legend>Show the projects of</legend>
      ${companies.map((c) => html`<button type="submit" name="company" value="${c.externalId}" aria-pressed="${c.externalId === company.externalId ? "true" : "false"}">${c.name}</button>`)}
    </fieldset>
  </form>`;
}

const filterWords: Record<ProjectFilter, string> = { current: "Current", open: "Open", on_hold: "On hold", closed: "Closed", all: "All" };
const sortWords: Record<ProjectSort, string> = { end: "End date", start: "Start date", name: "Name" };

function listControls(chrome: PortalChrome, view: ListView, counts: Record<ProjectState, number>, showClosed: boolean): SafeHtml {
  const href = (show: ProjectFilter, sort: ProjectSort) => pageHref(chrome, "", { show, sort });
  const filters: ProjectFilter[] = showClosed ? ["current", "open", "on_hold", "closed", "all"] : ["current", "open", "on_hold"];
  const count = (filter: ProjectFilter) =>
    filter === "current" ? counts.open + counts.on_hold : filter === "all" ? counts.open + counts.on_hold + counts.closed : counts[filter];
  const link = (label: string, target: string, current: boolean) => (current ? html`<a href="${target}" aria-current="page"><strong>${label}</strong></a>` : html`<a href="${target}">${label}</a>`);
  return html`<nav class="list-controls" aria-label="Filter and sort the projects">
    <p>Show: ${filters.map((f, i) => html`${i ? " · " : ""}${link(`${filterWords[f]} (${count(f)})`, href(f, view.sort), f === view.show)}`)}</p>
    <p>Sort by: ${(["end", "start", "name"] as const).map((s, i) => html`${i ? " · " : ""}${link(sortWords[s], href(view.show, s), s === view.sort)}`)}</p>
  </nav>`;
}

function projectCard(chrome: PortalChrome, p: PresentedProject): SafeHtml {
  const format = formatterFor(chrome.firm);
  return html`<li class="card">
    <h2><a href="${pageHref(chrome, `projects/${encodeURIComponent(p.id)}`)}">${p.name}</a></h2>
    ${projectTags(format, p)}${progressBar(p)}
    ${fieldList(format, p, ["status", "phase", "startDate", "endDate", "budget", "invoiced", "hours", "manager"])}
  </li>`;
}

export interface ProjectsView {
  company: CompanyRef;
  companies: CompanyRef[];
  projects: PresentedProject[];
  view: ListView;
  counts: Record<ProjectState, number>;
  showClosed: boolean;
  asOf: Date;
  stale: boolean;
}

function emptyList(chrome: PortalChrome, view: ProjectsView): SafeHtml {
  if (view.view.show !== "current" && view.counts.open + view.counts.on_hold + view.counts.closed > 0) {
    return html`<p class="notice">No ${filterWords[view.view.show].toLowerCase()} projects for ${view.company.name}. <a href="${pageHref(chrome, "")}">Show the current ones</a>.</p>`;
  }
  return html`<div class="notice"><p>${view.company.name} has no active projects right now. When ${chrome.firm.name} starts one, it will appear here.</p>${contactLine(chrome.contact)}</div>`;
}

export function projectsPage(chrome: PortalChrome, view: ProjectsView): string {
  const list = view.projects.length === 0 ? emptyList(chrome, view) : html`<ul class="projects">${view.projects.map((p) => projectCard(chrome, p))}</ul>`;
  return portalPage(
    chrome,
    "Your projects",
    html`${staleNote(chrome, view.asOf, view.stale)}
      <h1>${view.company.name}: projects</h1>
      ${companySwitcher(chrome, view.company, view.companies)}
      ${listControls(chrome, view.view, view.counts, view.showClosed)}
      ${list}
      ${view.projects.length > 0 ? contactLine(chrome.contact) : ""}`,
  );
}

/** A page with nothing to list: the reason, what happens next, and whom to ask. */
export function messagePage(chrome: PortalChrome, title: string, message: string, extra: SafeHtml = html``): string {
  return portalPage(chrome, title, html`<div class="card" role="status"><h1>${title}</h1><p>${message}</p>${extra}${contactLine(chrome.contact)}</div>`);
}

import type { PortalSection } from "../../../config/templates";
import { sectionLabels } from "../../../config/templates";
import type { PresentedProject } from "../present-project";
import { contactLine } from "../../platform/html/firm-contact";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { pageHref, portalPage, staleNote } from "./projects-page";
import type { PortalChrome } from "./projects-page";
import { fieldList, phaseTable, progressBar, projectTags } from "./project-view";
import { formatterFor } from "../../firms/firm-presentation";

export interface ProjectPageView {
  project: PresentedProject;
  companyName: string;
  sections: readonly PortalSection[];
  detailsUnavailable: boolean;
  asOf: Date;
  stale: boolean;
}

const has = (project: PresentedProject, ...keys: Array<keyof PresentedProject>) => keys.some((key) => project[key] !== undefined && project[key] !== null);
/** A section with nothing from the firm's PSA says so in one line instead of disappearing. */
const none = (text: string) => html`<p class="muted">${text}</p>`;

function summary(chrome: PortalChrome, p: PresentedProject): SafeHtml {
  if (!has(p, "status", "phase", "percentComplete")) return none(`${chrome.firm.name}'s records have no status for this project yet.`);
  return html`${progressBar(p)}${fieldList(formatterFor(chrome.firm), p, ["status", "phase"])}`;
}

function schedule(chrome: PortalChrome, p: PresentedProject, detailsUnavailable: boolean): SafeHtml {
  const dates = has(p, "startDate", "endDate") ? fieldList(formatterFor(chrome.firm), p, ["startDate", "endDate"]) : html``;
  if (detailsUnavailable) return html`${dates}${none(`The phases could not be read from ${chrome.firm.name}'s system just now. Reload this page in a few minutes.`)}`;
  if (!p.phases || p.phases.length === 0) {
    return html`${dates}${none(has(p, "startDate", "endDate") ? `${chrome.firm.name}'s records have no phases or milestones for this project.` : `${chrome.firm.name}'s records have no schedule for this project yet.`)}`;
  }
  return html`${dates}${phaseTable(formatterFor(chrome.firm), p.phases)}`;
}

function financials(chrome: PortalChrome, p: PresentedProject): SafeHtml {
  if (!has(p, "budget", "invoiced") && !(p.hours && p.hours.used !== null)) return none(`${chrome.firm.name}'s records have no financial figures for this project.`);
  return fieldList(formatterFor(chrome.firm), p, ["budget", "invoiced", "hours"]);
}

function team(chrome: PortalChrome, p: PresentedProject, detailsUnavailable: boolean): SafeHtml {
  const ways = [
    p.managerEmail ? html`<a href="mailto:${p.managerEmail}">${p.managerEmail}</a>` : null,
    p.managerPhone ? html`<a href="tel:${p.managerPhone.replace(/[^+\d]/g, "")}">${p.managerPhone}</a>` : null,
  ].filter((way): way is SafeHtml => way !== null);
  const manager = p.manager
    ? html`<p><span class="label">Project manager:</span> ${p.manager}${ways.length ? html` (${ways.length === 2 ? html`${ways[0]}, ${ways[1]}` : ways[0]})` : ""}</p>`
    : "manager" in p
      ? none(detailsUnavailable ? `The project manager could not be read from ${chrome.firm.name}'s system just now.` : `No project manager is named in ${chrome.firm.name}'s records for this project.`)
      : html``;
  return html`${manager}${contactLine(chrome.contact, "For anything else,")}`;
}

function section(name: PortalSection, body: SafeHtml): SafeHtml {
  return html`<section aria-labelledby="section-${name}"><h2 id="section-${name}">${sectionLabels[name]}</h2>${body}</section>`;
}

export function projectPage(chrome: PortalChrome, view: ProjectPageView): string {
  const { project: p, detailsUnavailable } = view;
  const bodies: Record<PortalSection, () => SafeHtml> = {
    summary: () => summary(chrome, p),
    schedule: () => schedule(chrome, p, detailsUnavailable),
    financials: () => financials(chrome, p),
    team: () => team(chrome, p, detailsUnavailable),
  };
  return portalPage(
    chrome,
    p.name,
    html`${staleNote(chrome, view.asOf, view.stale)}
      <p><a href="${pageHref(chrome, "")}">← ${view.companyName}: all projects</a></p>
      <article class="card project">
        <h1>${p.name}</h1>
        ${projectTags(formatterFor(chrome.firm), p)}
        ${p.description ? html`<p>${p.description}</p>` : ""}
        ${view.sections.map((name) => section(name, bodies[name]()))}
      </article>
      ${view.sections.includes("team") ? "" : contactLine(chrome.contact)}`,
  );
}

import { fieldLabels } from "../../../config/templates";
import type { ProjectField } from "../../../config/templates";
import type { PresentedPhase, PresentedProject } from "../present-project";
import type { Formatter } from "../../platform/formatting";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";

// The pieces of a project both the list and the project's page show. Everything here reads a PresentedProject, so
// it can only show what the template let through: a key that is absent is never rendered. Dates, amounts and
// hours read in the firm's locale and currency (platform/formatting.ts: formatterFor(firm)).

export const stateWords = { open: "Open", on_hold: "On hold", closed: "Closed" } as const;
export const phaseStateWords = { done: "Done", in_progress: "In progress", not_started: "Not started", unknown: "Scheduled" } as const;

/** A field's value as a person reads it; "—" where the PSA has none. */
export function formatField(format: Formatter, project: PresentedProject, field: ProjectField): string {
  switch (field) {
    case "budget":
    case "invoiced": {
      const value = project[field];
      return value === null || value === undefined ? "—" : format.money(value);
    }
    case "percentComplete":
      return project.percentComplete === null || project.percentComplete === undefined ? "—" : `${Math.round(project.percentComplete)}%`;
    case "startDate":
    case "endDate": {
      const value = project[field];
      return value ? format.calendarDate(value) : "—";
    }
    case "hours": {
      const hours = project.hours;
      if (!hours || hours.used === null) return "—";
      return hours.budget === null ? `${format.quantity(hours.used)} h` : `${format.quantity(hours.used)} of ${format.quantity(hours.budget)} h`;
    }
    default: {
      const value = project[field];
      return value === null || value === undefined || value === "" ? "—" : String(value);
    }
  }
}

/** The fields among `fields` that the presented project carries, as a definition list. */
export function fieldList(format: Formatter, project: PresentedProject, fields: readonly ProjectField[]): SafeHtml {
  const shown = fields.filter((field) => field in project);
  if (shown.length === 0) return html``;
  return html`<dl class="fields">${shown.map((field) => html`<div><dt>${fieldLabels[field]}</dt><dd>${formatField(format, project, field)}</dd></div>`)}</dl>`;
}

/** The state and the overdue flag, in words (never colour alone). */
export function projectTags(format: Formatter, project: PresentedProject): SafeHtml {
  const tags = [
    project.overdue ? html`<span class="tag overdue">Overdue${project.endDate ? html`: due ${format.calendarDate(project.endDate)}` : ""}</span>` : null,
    project.state !== "open" ? html`<span class="tag">${stateWords[project.state]}</span>` : null,
  ].filter((tag): tag is SafeHtml => tag !== null);
  return tags.length === 0 ? html`` : html`<p class="tags">${tags}</p>`;
}

/** The progress bar from percent complete, labelled with its value. */
export function progressBar(project: PresentedProject): SafeHtml {
  if (project.percentComplete === null || project.percentComplete === undefined) return html``;
  const value = Math.max(0, Math.min(100, Math.round(project.percentComplete)));
  const id = `progress-${project.id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  return html`<div class="progress"><progress id="${id}" max="100" value="${value}"></progress> <label for="${id}">${value}% complete</label></div>`;
}

const day = (format: Formatter, iso: string) => html`<span class="nowrap">${format.calendarDate(iso)}</span>`;

/** A phase's dates in one cell ("June 1, 2026 to November 20, 2026", "due November 20, 2026"), so a phone keeps three columns. */
function phaseDates(format: Formatter, phase: PresentedPhase): SafeHtml | string {
  if (phase.startDate && phase.endDate) return html`${day(format, phase.startDate)} to ${day(format, phase.endDate)}`;
  if (phase.endDate) return html`due ${day(format, phase.endDate)}`;
  if (phase.startDate) return html`from ${day(format, phase.startDate)}`;
  return "—";
}

/** The schedule's phases and milestones as a table, the next one marked in words. */
export function phaseTable(format: Formatter, phases: readonly PresentedPhase[]): SafeHtml {
  return html`<table class="phases stack" role="table">
      <caption class="visually-hidden">Phases and milestones</caption>
      <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Phase or milestone</th><th scope="col" role="columnheader">Dates</th><th scope="col" role="columnheader">State</th></tr></thead>
      <tbody role="rowgroup">${phases.map(
        (phase) => html`<tr role="row"${phase.next ? html` class="next"` : ""}>
          <td role="cell">${phase.name}${phase.milestone ? html` <span class="tag">Milestone</span>` : ""}${phase.next ? html` <strong class="tag next">${phase.milestone ? "Next milestone" : "Next"}</strong>` : ""}</td>
          <td role="cell" data-label="Dates">${phaseDates(format, phase)}</td><td role="cell" data-label="State">${phaseStateWords[phase.state]}</td>
        </tr>`,
      )}</tbody>
    </table>`;
}

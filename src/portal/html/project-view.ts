import { fieldLabels } from "../../../config/templates";
import type { ProjectField } from "../../../config/templates";
import type { PresentedPhase, PresentedProject } from "../present-project";
import { formatDay } from "../../platform/format-time";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";

// The pieces of a project both the list and the project's page show. Everything here reads a PresentedProject, so
// it can only show what the template let through: a key that is absent is never rendered.

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const hoursFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const stateWords = { open: "Open", on_hold: "On hold", closed: "Closed" } as const;
export const phaseStateWords = { done: "Done", in_progress: "In progress", not_started: "Not started", unknown: "Scheduled" } as const;

/** A field's value as a person reads it; "—" where the PSA has none. */
export function formatField(project: PresentedProject, field: ProjectField): string {
  switch (field) {
    case "budget":
    case "invoiced": {
      const value = project[field];
      return value === null || value === undefined ? "—" : money.format(value);
    }
    case "percentComplete":
      return project.percentComplete === null || project.percentComplete === undefined ? "—" : `${Math.round(project.percentComplete)}%`;
    case "startDate":
    case "endDate": {
      const value = project[field];
      return value ? formatDay(value) : "—";
    }
    case "hours": {
      const hours = project.hours;
      if (!hours || hours.used === null) return "—";
      return hours.budget === null ? `${hoursFormat.format(hours.used)} h` : `${hoursFormat.format(hours.used)} of ${hoursFormat.format(hours.budget)} h`;
    }
    default: {
      const value = project[field];
      return value === null || value === undefined || value === "" ? "—" : String(value);
    }
  }
}

/** The fields among `fields` that the presented project carries, as a definition list. */
export function fieldList(project: PresentedProject, fields: readonly ProjectField[]): SafeHtml {
  const shown = fields.filter((field) => field in project);
  if (shown.length === 0) return html``;
  return html`<dl class="fields">${shown.map((field) => html`<div><dt>${fieldLabels[field]}</dt><dd>${formatField(project, field)}</dd></div>`)}</dl>`;
}

/** The state and the overdue flag, in words (never colour alone). */
export function projectTags(project: PresentedProject): SafeHtml {
  const tags = [
    project.overdue ? html`<span class="tag overdue">Overdue${project.endDate ? html`: due ${formatDay(project.endDate)}` : ""}</span>` : null,
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

const shortDay = (iso: string | null) => (iso ? formatDay(iso) : "—");

/** The schedule's phases and milestones as a table, the next one marked in words. */
export function phaseTable(phases: readonly PresentedPhase[]): SafeHtml {
  return html`<div class="table-wrap"><table class="phases">
      <caption class="visually-hidden">Phases and milestones</caption>
      <thead><tr><th scope="col">Phase or milestone</th><th scope="col">Start</th><th scope="col">Due</th><th scope="col">State</th></tr></thead>
      <tbody>${phases.map(
        (phase) => html`<tr${phase.next ? html` class="next"` : ""}>
          <td>${phase.name}${phase.milestone ? html` <span class="tag">Milestone</span>` : ""}${phase.next ? html` <strong class="tag next">${phase.milestone ? "Next milestone" : "Next"}</strong>` : ""}</td>
          <td>${shortDay(phase.startDate)}</td><td>${shortDay(phase.endDate)}</td><td>${phaseStateWords[phase.state]}</td>
        </tr>`,
      )}</tbody>
    </table></div>`;
}

import { fieldLabels } from "../../../config/templates";
import type { ProjectField } from "../../../config/templates";
import type { PresentedProject } from "../present-project";
import type { Formatter } from "../../platform/formatting";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";

function formatValue(format: Formatter, field: ProjectField, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "budget") return format.money(Number(value));
  if (field === "percentComplete") return `${Math.round(Number(value))}%`;
  if (field === "startDate" || field === "endDate") return format.calendarDate(new Date(String(value)));
  return String(value);
}

/** The project's visible fields as a definition list, in the firm's formats. Only fields present on the presented project exist here. */
export function projectFieldList(format: Formatter, project: PresentedProject, fields: readonly ProjectField[], skip: readonly ProjectField[] = []): SafeHtml {
  const shown = fields.filter((field) => field in project && !skip.includes(field));
  if (shown.length === 0) return html``;
  return html`<dl class="fields">${shown.map((field) => html`<div><dt>${fieldLabels[field]}</dt><dd>${formatValue(format, field, project[field])}</dd></div>`)}</dl>`;
}

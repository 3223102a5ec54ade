import { fieldLabels } from "../../../config/templates";
import type { ProjectField } from "../../../config/templates";
import type { PresentedProject } from "../present-project";
import { formatDateUtc } from "../../platform/format-time";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function formatValue(field: ProjectField, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "budget") return money.format(Number(value));
  if (field === "percentComplete") return `${Math.round(Number(value))}%`;
  if (field === "startDate" || field === "endDate") return formatDateUtc(new Date(String(value)));
  return String(value);
}

/** The project's visible fields as a definition list. Only fields present on the presented project exist here. */
export function projectFieldList(project: PresentedProject, fields: readonly ProjectField[], skip: readonly ProjectField[] = []): SafeHtml {
  const shown = fields.filter((field) => field in project && !skip.includes(field));
  if (shown.length === 0) return html``;
  return html`<dl class="fields">${shown.map((field) => html`<div><dt>${fieldLabels[field]}</dt><dd>${formatValue(field, project[field])}</dd></div>`)}</dl>`;
}

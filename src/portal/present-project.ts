import { fieldSections } from "../../config/templates";
import type { PortalSection, ProjectField } from "../../config/templates";
import type { PsaPhaseState } from "../../connectors/types";
import type { PhaseRecord, ProjectDetailsRecord, ProjectRecord } from "./company-answers";

/** Where a project stands for the list's filter: closed (the PSA closed it), on hold (its status says so), or open. */
export type ProjectState = "open" | "on_hold" | "closed";

export interface PresentedPhase {
  name: string;
  startDate: string | null;
  endDate: string | null;
  state: PsaPhaseState;
  milestone: boolean;
  /** The one to look out for: the first milestone not done, else the phase under way, else the first not done. */
  next: boolean;
}

/**
 * A project as one client may see it: its id, name and state, plus exactly what their template shows. Each
 * field is present only when the template shows it and its section (config/templates.ts); `overdue` comes with the
 * summary, `phases` with the schedule (on the project's own page).
 */
export interface PresentedProject {
  id: string;
  name: string;
  state: ProjectState;
  status?: string | null;
  phase?: string | null;
  percentComplete?: number | null;
  overdue?: boolean;
  startDate?: string | null;
  endDate?: string | null;
  /** Null: the firm's PSA keeps no phases for this project. */
  phases?: PresentedPhase[] | null;
  budget?: number | null;
  invoiced?: number | null;
  hours?: { used: number | null; budget: number | null } | null;
  manager?: string | null;
  managerEmail?: string | null;
  managerPhone?: string | null;
  description?: string | null;
}

const ON_HOLD = /\b(on[\s-]?hold|hold|paused|suspended)\b/i;

export function projectState(project: Pick<ProjectRecord, "active" | "status">): ProjectState {
  if (!project.active) return "closed";
  return project.status && ON_HOLD.test(project.status) ? "on_hold" : "open";
}

/** Open (or on hold) with an end date before today, both as calendar days; `today` is "YYYY-MM-DD" in the firm's zone. */
export function isOverdue(project: Pick<ProjectRecord, "active" | "status" | "endDate">, today: string): boolean {
  return projectState(project) !== "closed" && project.endDate !== null && project.endDate.slice(0, 10) < today;
}

export function markNextPhase(phases: readonly PhaseRecord[]): PresentedPhase[] {
  const pending = phases.filter((phase) => phase.state !== "done");
  const next = pending.find((phase) => phase.milestone) ?? pending.find((phase) => phase.state === "in_progress") ?? pending[0];
  return phases.map((phase) => ({ name: phase.name, startDate: phase.startDate, endDate: phase.endDate, state: phase.state, milestone: phase.milestone, next: phase === next }));
}

type FieldValues = { [K in ProjectField]: PresentedProject[K] };

function fieldValues(project: ProjectRecord, details: ProjectDetailsRecord | undefined): FieldValues {
  return {
    status: project.status,
    phase: project.phase,
    percentComplete: project.percentComplete,
    startDate: project.startDate,
    endDate: project.endDate,
    budget: project.budget,
    invoiced: project.invoiced,
    hours: project.hoursUsed === null && project.hoursBudget === null ? null : { used: project.hoursUsed, budget: project.hoursBudget },
    // Some PSAs name the manager only in their own record (Autotask's Resource), read with the page's details.
    manager: project.manager ?? details?.manager?.name ?? null,
    managerEmail: details?.manager?.email ?? null,
    managerPhone: details?.manager?.phone ?? null,
    description: project.description,
  };
}

function copy<K extends ProjectField>(into: Partial<FieldValues>, values: FieldValues, field: K): void {
  into[field] = values[field];
}

/** What a list of projects never has (it reads no details): the manager's contact details. */
const DETAIL_FIELDS: readonly ProjectField[] = ["managerEmail", "managerPhone"];

/**
 * The single place a project becomes output. Both the HTML pages and the JSON API render only what this returns,
 * so a field or section the template hides is never serialized, not merely hidden by CSS. `details` are given on a
 * project's own page (its phases and manager's contact); `today` decides the overdue flag.
 */
export function presentProject(
  project: ProjectRecord,
  template: { fields: readonly ProjectField[]; sections: readonly PortalSection[] },
  options: { today: string; details?: ProjectDetailsRecord },
): PresentedProject {
  const presented: PresentedProject = { id: project.externalId, name: project.name, state: projectState(project) };
  const values = fieldValues(project, options.details);
  for (const field of template.fields) {
    const section = fieldSections[field];
    if (section !== null && !template.sections.includes(section)) continue;
    if (DETAIL_FIELDS.includes(field) && !options.details) continue;
    copy(presented, values, field);
  }
  if (template.sections.includes("summary")) presented.overdue = isOverdue(project, options.today);
  if (template.sections.includes("schedule") && options.details) presented.phases = options.details.phases ? markNextPhase(options.details.phases) : null;
  return presented;
}

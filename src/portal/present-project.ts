import type { ProjectField } from "../../config/templates";
import type { ProjectRecord } from "./company-answers";

/** A project as one client may see it: its id and name, plus exactly the fields their template shows. */
export type PresentedProject = { id: string; name: string } & Partial<Record<ProjectField, string | number | null>>;

/**
 * The single place a project becomes output. Both the HTML pages and the JSON API render only what this
 * returns, so a field the template hides is never serialized, not merely hidden by CSS.
 */
export function presentProject(project: ProjectRecord, fields: readonly ProjectField[]): PresentedProject {
  const presented: PresentedProject = { id: project.externalId, name: project.name };
  for (const field of fields) presented[field] = project[field];
  return presented;
}

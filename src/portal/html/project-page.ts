import type { ProjectField } from "../../../config/templates";
import type { PresentedProject } from "../present-project";
import { html } from "../../platform/html/html";
import { portalPage, staleNote } from "./projects-page";
import type { PortalChrome } from "./projects-page";
import { projectFieldList } from "./project-fields";
import { formatterFor } from "../../firms/firm-presentation";

export function projectPage(chrome: PortalChrome, view: { project: PresentedProject; companyName: string; fields: ProjectField[]; asOf: Date; stale: boolean }): string {
  const { project } = view;
  return portalPage(
    chrome,
    project.name,
    html`${staleNote(chrome.firm, view.asOf, view.stale)}
      <p><a href="${chrome.basePath}/">← ${view.companyName}: all projects</a></p>
      <div class="card">
        <h1>${project.name}</h1>
        ${"description" in project && project.description ? html`<p>${String(project.description)}</p>` : ""}
        ${projectFieldList(formatterFor(chrome.firm), project, view.fields, ["description"])}
      </div>`,
  );
}

import { firmPortalSettings } from "../../../config/firm-settings";
import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { todayIn } from "../../platform/formatting";
import type { CompanyResolver } from "../company-resolver";
import type { ProjectRecord } from "../company-answers";
import { presentProject, projectState } from "../present-project";
import type { PresentedProject, ProjectState } from "../present-project";
import { countByState, filterAndSort, listView } from "../project-list";
import type { ListView } from "../project-list";
import type { PortalAccess } from "./decide-portal-access";

type Ready = Extract<PortalAccess, { kind: "ready" }>;

export interface VisibleProject {
  record: ProjectRecord;
  presented: PresentedProject;
}

export interface VisibleProjects {
  /** The view's projects, filtered and in its order. */
  projects: VisibleProject[];
  /** Per state, for the filter (closed ones counted only where the firm shows them). */
  counts: Record<ProjectState, number>;
  view: ListView;
  showClosed: boolean;
  asOf: Date;
  stale: boolean;
}

/** The company's projects as the PSA (or the fallback) gave them, each its own company's; null when nothing usable came. */
async function companyProjects(resolver: CompanyResolver, firm: Firm, access: Ready) {
  const lookup = await resolver.listProjects(firm, access.company.externalId);
  if (!lookup.ok) return null;
  return {
    // A project listed under another company never shows here, whatever the PSA's company filter did.
    records: lookup.value.filter((record) => record.companyExternalId === access.company.externalId),
    asOf: access.stale || lookup.stale ? new Date(Math.min(access.asOf.getTime(), lookup.asOf.getTime())) : lookup.asOf,
    stale: access.stale || lookup.stale,
  };
}

/**
 * The chosen company's projects for the list, each cut down to the template, filtered and sorted as asked (closed
 * ones only where the firm shows them). No PSA call per project: the list needs none. Null when the PSA gave nothing.
 */
export async function listVisibleProjects(
  resolver: CompanyResolver,
  firm: Firm,
  access: Ready,
  input: { asked: { show?: string; sort?: string }; now: Date },
): Promise<VisibleProjects | null> {
  const found = await companyProjects(resolver, firm, access);
  if (!found) return null;
  const settings = firmPortalSettings(firm.settings);
  const today = todayIn(settings.timeZone, input.now);
  const view = listView(input.asked, settings.showClosedProjects);
  const all = found.records.map((record) => ({ record, presented: presentProject(record, access.template, { today }) }));
  return { projects: filterAndSort(all, view), counts: countByState(found.records, settings.showClosedProjects), view, showClosed: settings.showClosedProjects, asOf: found.asOf, stale: found.stale };
}

export interface VisibleProjectPage {
  project: VisibleProject;
  /** The schedule or team could not be read from the PSA nor a fallback: the page says so instead of failing. */
  detailsUnavailable: boolean;
  asOf: Date;
  stale: boolean;
}

/**
 * One project of the chosen company, with its page details (phases, the manager's contact) when the template shows a
 * schedule or a team. Another company's project, a missing one and a closed one the firm hides are all not_found.
 */
export async function showVisibleProject(
  resolver: CompanyResolver,
  firm: Firm,
  access: Ready,
  input: { projectId: string; now: Date },
): Promise<Result<VisibleProjectPage, Failure<"not_found"> | Failure<"psa_unavailable">>> {
  const found = await companyProjects(resolver, firm, access);
  if (!found) return fail("psa_unavailable");
  const settings = firmPortalSettings(firm.settings);
  const record = found.records.find((project) => project.externalId === input.projectId);
  if (!record || (projectState(record) === "closed" && !settings.showClosedProjects)) return fail("not_found");
  const today = todayIn(settings.timeZone, input.now);
  const wantsDetails = access.template.sections.includes("schedule") || access.template.sections.includes("team");
  const details = wantsDetails ? await resolver.projectDetails(firm, record) : null;
  const presented = presentProject(record, access.template, { today, details: details?.ok ? details.value : undefined });
  const stale = found.stale || (details?.ok === true && details.stale);
  const asOf = details?.ok && details.stale ? new Date(Math.min(found.asOf.getTime(), details.asOf.getTime())) : found.asOf;
  return ok({ project: { record, presented }, detailsUnavailable: details !== null && !details.ok, asOf, stale });
}

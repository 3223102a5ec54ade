import type { PsaCompany, PsaContact, PsaPerson, PsaPhase, PsaPhaseState, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import { personOf } from "../shared/project-details";
import { webDomains } from "../shared/web-domains";
import type { AtCompany, AtContact, AtPhase, AtProject, AtResource, AtTask } from "./raw-schemas";

/** Contacts send isActive as 1/0, Companies as true/false (vendor-apis.md §6 Autotask 3). */
export function readActiveFlag(value: boolean | number | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  return typeof value === "boolean" ? value : value !== 0;
}

export function mapAutotaskContact(raw: AtContact): PsaContact {
  return {
    externalId: String(raw.id),
    firstName: raw.firstName?.trim() || null,
    lastName: raw.lastName?.trim() || null,
    emails: collectEmails([raw.emailAddress, raw.emailAddress2, raw.emailAddress3]),
    companyExternalIds: raw.companyID === null || raw.companyID === undefined ? [] : [String(raw.companyID)],
    active: readActiveFlag(raw.isActive),
    updatedAt: parseVendorDate(raw.lastModifiedDate, { assumeUtc: true }) ?? parseVendorDate(raw.lastActivityDate, { assumeUtc: true }),
  };
}

export function mapAutotaskCompany(raw: AtCompany): PsaCompany {
  return {
    externalId: String(raw.id),
    name: raw.companyName,
    active: readActiveFlag(raw.isActive),
    domains: webDomains([raw.webAddress]),
    updatedAt: parseVendorDate(raw.lastTrackedModifiedDateTime, { assumeUtc: true }) ?? parseVendorDate(raw.lastActivityDate, { assumeUtc: true }),
  };
}

/**
 * Project status is a tenant picklist (integer), labelled from settings. Phases and the lead's name live
 * in other entities (getProjectDetails), so they stay null here; the budget is the sold revenue plus change
 * orders, and the hours are the estimate against the hours logged. Invoices are not on the project.
 */
export function mapAutotaskProject(raw: AtProject, statusLabels: Readonly<Record<string, string>>): PsaProject {
  const status = raw.status === null || raw.status === undefined ? null : (statusLabels[String(raw.status)] ?? `Status ${raw.status}`);
  const revenue = [raw.originalEstimatedRevenue, raw.changeOrdersRevenue].filter((value): value is number => typeof value === "number");
  return {
    externalId: String(raw.id),
    companyExternalId: String(raw.companyID),
    name: raw.projectName,
    status,
    phase: null,
    manager: null,
    managerExternalId: raw.projectLeadResourceID === null || raw.projectLeadResourceID === undefined ? null : String(raw.projectLeadResourceID),
    startDate: parseVendorDate(raw.startDateTime, { assumeUtc: true }),
    endDate: parseVendorDate(raw.endDateTime, { assumeUtc: true }),
    budget: revenue.length > 0 ? revenue.reduce((sum, value) => sum + value, 0) : null,
    invoiced: null,
    hoursBudget: raw.estimatedTime ?? null,
    hoursUsed: raw.actualHours ?? null,
    percentComplete: raw.completedPercentage ?? null,
    description: raw.description?.trim() || null,
    active: !raw.completedDateTime,
    updatedAt: parseVendorDate(raw.lastActivityDateTime, { assumeUtc: true }),
  };
}

/** A phase has no state in Autotask: it is done when all its tasks are completed, under way when some are. */
function phaseState(tasks: readonly AtTask[]): PsaPhaseState {
  if (tasks.length === 0) return "unknown";
  const completed = tasks.filter((task) => task.completedDateTime).length;
  return completed === tasks.length ? "done" : completed > 0 ? "in_progress" : "not_started";
}

/** Autotask's document has no milestone flag on phases or tasks (PhaseModel, TaskModel), so none is a milestone. */
export function mapAutotaskPhase(raw: AtPhase, tasks: readonly AtTask[]): PsaPhase {
  return {
    externalId: String(raw.id),
    name: raw.title?.trim() || `Phase ${raw.id}`,
    startDate: parseVendorDate(raw.startDate, { assumeUtc: true }),
    endDate: parseVendorDate(raw.dueDate, { assumeUtc: true }),
    state: phaseState(tasks.filter((task) => task.phaseID === raw.id)),
    milestone: false,
  };
}

export function mapAutotaskResource(raw: AtResource): PsaPerson | null {
  return personOf([raw.firstName?.trim(), raw.lastName?.trim()].filter(Boolean).join(" "), raw.email, raw.officePhone);
}

import type { PsaCompany, PsaContact, PsaPerson, PsaPhase, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import { personOf } from "../shared/project-details";
import { webDomains } from "../shared/web-domains";
import type { CwCompany, CwContact, CwMember, CwPhase, CwProject } from "./raw-schemas";

/** Emails live in communicationItems (communicationType "Email"); the default item is the primary. */
export function mapConnectwiseContact(raw: CwContact): PsaContact {
  const emailItems = (raw.communicationItems ?? []).filter((item) => item.communicationType?.toLowerCase() === "email");
  const ordered = [...emailItems.filter((item) => item.defaultFlag), ...emailItems.filter((item) => !item.defaultFlag)];
  return {
    externalId: String(raw.id),
    firstName: raw.firstName?.trim() || null,
    lastName: raw.lastName?.trim() || null,
    emails: collectEmails(ordered.map((item) => item.value)),
    companyExternalIds: raw.company ? [String(raw.company.id)] : [],
    active: raw.inactiveFlag !== true,
    updatedAt: parseVendorDate(raw._info?.lastUpdated),
  };
}

/**
 * A company is inactive when it is deleted or when its status is one the firm marked inactive
 * (CompanyStatus.inactiveFlag). `inactiveStatusIds` is null when the statuses could not be read.
 */
export function mapConnectwiseCompany(raw: CwCompany, inactiveStatusIds: ReadonlySet<number> | null): PsaCompany {
  const inactiveStatus = raw.status !== null && raw.status !== undefined && inactiveStatusIds !== null && inactiveStatusIds.has(raw.status.id);
  return {
    externalId: String(raw.id),
    name: raw.name,
    active: raw.deletedFlag !== true && !inactiveStatus,
    domains: webDomains([raw.website]),
    updatedAt: parseVendorDate(raw._info?.lastUpdated),
  };
}

/**
 * ConnectWise keeps phases as child records (getProjectDetails) and money on the billing fields; invoices are
 * not on the project, so the financials are the billing amount and hours used against budgeted hours.
 */
export function mapConnectwiseProject(raw: CwProject): PsaProject {
  return {
    externalId: String(raw.id),
    companyExternalId: String(raw.company.id),
    name: raw.name,
    status: raw.status?.name ?? null,
    phase: null,
    manager: raw.manager?.name ?? raw.manager?.identifier ?? null,
    managerExternalId: raw.manager ? String(raw.manager.id) : null,
    startDate: parseVendorDate(raw.actualStart) ?? parseVendorDate(raw.estimatedStart),
    endDate: parseVendorDate(raw.actualEnd) ?? parseVendorDate(raw.estimatedEnd),
    budget: raw.billingAmount ?? null,
    invoiced: null,
    hoursBudget: raw.budgetHours ?? null,
    hoursUsed: raw.actualHours ?? null,
    percentComplete: raw.percentComplete ?? null,
    description: raw.description?.trim() || null,
    active: raw.closedFlag !== true,
    updatedAt: parseVendorDate(raw._info?.lastUpdated),
  };
}

/** A phase is done once it has an actual end, under way once it has an actual start (ConnectWise sets both as work is logged). */
export function mapConnectwisePhase(raw: CwPhase): PsaPhase {
  const actualEnd = parseVendorDate(raw.actualEnd);
  const actualStart = parseVendorDate(raw.actualStart);
  return {
    externalId: String(raw.id),
    name: raw.description?.trim() || raw.wbsCode?.trim() || `Phase ${raw.id}`,
    startDate: actualStart ?? parseVendorDate(raw.scheduledStart),
    endDate: actualEnd ?? parseVendorDate(raw.scheduledEnd) ?? parseVendorDate(raw.deadlineDate),
    state: actualEnd ? "done" : actualStart ? "in_progress" : "not_started",
    milestone: raw.markAsMilestoneFlag === true,
  };
}

/** The manager as the project names them, with the member record's office email and phone where it could be read. */
export function mapConnectwiseManager(projectManagerName: string | null, member: CwMember | null): PsaPerson | null {
  const memberName = [member?.firstName?.trim(), member?.lastName?.trim()].filter(Boolean).join(" ");
  return personOf(projectManagerName ?? memberName, member?.officeEmail, member?.officePhone);
}

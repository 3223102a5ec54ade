import type { PsaCompany, PsaContact, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import type { AtCompany, AtContact, AtProject } from "./raw-schemas";

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
    updatedAt: parseVendorDate(raw.lastTrackedModifiedDateTime, { assumeUtc: true }) ?? parseVendorDate(raw.lastActivityDate, { assumeUtc: true }),
  };
}

/**
 * Project status is a tenant picklist (integer), labelled from settings. Phases and the lead's name live
 * in other entities, so they stay null; the budget is the sold revenue plus change orders.
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
    startDate: parseVendorDate(raw.startDateTime, { assumeUtc: true }),
    endDate: parseVendorDate(raw.endDateTime, { assumeUtc: true }),
    budget: revenue.length > 0 ? revenue.reduce((sum, value) => sum + value, 0) : null,
    percentComplete: raw.completedPercentage ?? null,
    description: raw.description?.trim() || null,
    active: !raw.completedDateTime,
    updatedAt: parseVendorDate(raw.lastActivityDateTime, { assumeUtc: true }),
  };
}

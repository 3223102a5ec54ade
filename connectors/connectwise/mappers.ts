import type { PsaCompany, PsaContact, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import type { CwCompany, CwContact, CwProject } from "./raw-schemas";

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
    updatedAt: parseVendorDate(raw._info?.lastUpdated),
  };
}

/** ConnectWise keeps phases as child records and money on the billing fields; see README "Project fields". */
export function mapConnectwiseProject(raw: CwProject): PsaProject {
  return {
    externalId: String(raw.id),
    companyExternalId: String(raw.company.id),
    name: raw.name,
    status: raw.status?.name ?? null,
    phase: null,
    manager: raw.manager?.name ?? raw.manager?.identifier ?? null,
    startDate: parseVendorDate(raw.actualStart) ?? parseVendorDate(raw.estimatedStart),
    endDate: parseVendorDate(raw.actualEnd) ?? parseVendorDate(raw.estimatedEnd),
    budget: raw.billingAmount ?? null,
    percentComplete: raw.percentComplete ?? null,
    description: raw.description?.trim() || null,
    active: raw.closedFlag !== true,
    updatedAt: parseVendorDate(raw._info?.lastUpdated),
  };
}

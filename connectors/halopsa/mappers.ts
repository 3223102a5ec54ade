import type { PsaCompany, PsaContact, PsaPerson, PsaPhase, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import { personOf } from "../shared/project-details";
import { webDomains } from "../shared/web-domains";
import type { HaloAgent, HaloClient, HaloMilestone, HaloProject, HaloUser } from "./raw-schemas";

/** Halo's built-in "Closed" status id (status ids below 10 are system statuses). */
export const HALO_CLOSED_STATUS_ID = 9;

/** Halo sends UTC without an offset and 1900-01-01 for "no date"; parseVendorDate handles both. */
const haloDate = (value: string | null | undefined) => parseVendorDate(value, { assumeUtc: true });

function splitName(name: string | null | undefined): { first: string | null; last: string | null } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { first: null, last: null };
  return { first: parts[0] ?? null, last: parts.length > 1 ? parts.slice(1).join(" ") : null };
}

export function mapHaloUser(raw: HaloUser): PsaContact {
  const fallback = splitName(raw.name);
  return {
    externalId: String(raw.id),
    firstName: raw.firstname?.trim() || fallback.first,
    lastName: raw.surname?.trim() || fallback.last,
    emails: collectEmails([raw.emailaddress, raw.email2, raw.email3]),
    companyExternalIds: raw.client_id === null || raw.client_id === undefined || raw.client_id <= 0 ? [] : [String(raw.client_id)],
    active: raw.inactive !== true,
    updatedAt: haloDate(raw.ulastupdate),
  };
}

export function mapHaloClient(raw: HaloClient): PsaCompany {
  return { externalId: String(raw.id), name: raw.name, active: raw.inactive !== true, domains: webDomains([raw.website, raw.domain]), updatedAt: haloDate(raw.alastupdate) };
}

/**
 * Halo projects are tickets ("Faults"); the percentage is time used against the time budget, which the
 * financials show as hours. Invoices are separate records, not on the project.
 */
export function mapHaloProject(raw: HaloProject): PsaProject {
  return {
    externalId: String(raw.id),
    companyExternalId: String(raw.client_id),
    name: raw.summary?.trim() || `Project ${raw.id}`,
    status: raw.status_name?.trim() || null,
    phase: null,
    manager: raw.agent_name?.trim() || null,
    managerExternalId: raw.agent_id && raw.agent_id > 0 ? String(raw.agent_id) : null,
    startDate: haloDate(raw.startdate),
    endDate: haloDate(raw.targetdate),
    budget: raw.projectmoneybudget ?? null,
    invoiced: null,
    hoursBudget: raw.projecttimebudget ?? null,
    hoursUsed: raw.projecttimeactual ?? null,
    percentComplete: raw.projecttimepercentage ?? null,
    description: raw.details?.trim() || null,
    active: raw.inactive !== true && raw.status_id !== HALO_CLOSED_STATUS_ID,
    updatedAt: haloDate(raw.last_update) ?? haloDate(raw.lastactiondate),
  };
}

/** A milestone of the project: complete or not (`_complete`); Halo keeps no "under way" for milestones. */
export function mapHaloMilestone(raw: HaloMilestone): PsaPhase {
  return {
    externalId: `milestone-${raw.id}`,
    name: raw.name?.trim() || `Milestone ${raw.sequence ?? raw.id}`,
    startDate: haloDate(raw.start_date),
    endDate: haloDate(raw.target_date),
    state: raw._complete === true ? "done" : raw._complete === false ? "not_started" : "unknown",
    milestone: true,
  };
}

/** A child ticket of the project (a task or sub-project): done once closed; an open one's progress is not kept. */
export function mapHaloChild(raw: HaloProject): PsaPhase {
  const closed = raw.status_id === HALO_CLOSED_STATUS_ID || haloDate(raw.dateclosed) !== null;
  return {
    externalId: String(raw.id),
    name: raw.summary?.trim() || `Task ${raw.id}`,
    startDate: haloDate(raw.startdate),
    endDate: haloDate(raw.dateclosed) ?? haloDate(raw.targetdate),
    state: closed ? "done" : "unknown",
    milestone: false,
  };
}

export function mapHaloAgent(raw: HaloAgent | null, projectAgentName: string | null): PsaPerson | null {
  return personOf(projectAgentName ?? raw?.name, raw?.email, null);
}

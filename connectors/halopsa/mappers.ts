import type { PsaCompany, PsaContact, PsaProject } from "../types";
import { parseVendorDate } from "../shared/dates";
import { collectEmails } from "../shared/email-match";
import type { HaloClient, HaloProject, HaloUser } from "./raw-schemas";

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
  return { externalId: String(raw.id), name: raw.name, active: raw.inactive !== true, updatedAt: haloDate(raw.alastupdate) };
}

/** Halo projects are tickets ("Faults"); the percentage is time used against the time budget. */
export function mapHaloProject(raw: HaloProject): PsaProject {
  return {
    externalId: String(raw.id),
    companyExternalId: String(raw.client_id),
    name: raw.summary?.trim() || `Project ${raw.id}`,
    status: raw.status_name?.trim() || null,
    phase: null,
    manager: raw.agent_name?.trim() || null,
    startDate: haloDate(raw.startdate),
    endDate: haloDate(raw.targetdate),
    budget: raw.projectmoneybudget ?? null,
    percentComplete: raw.projecttimepercentage ?? null,
    description: raw.details?.trim() || null,
    active: raw.inactive !== true && raw.status_id !== HALO_CLOSED_STATUS_ID,
    updatedAt: haloDate(raw.last_update) ?? haloDate(raw.lastactiondate),
  };
}

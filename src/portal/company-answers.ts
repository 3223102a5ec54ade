import type { PsaError, PsaPerson, PsaPhase, PsaProject, PsaProjectDetails } from "../../connectors/types";

/** A company as the portal shows it. */
export interface CompanyRef {
  externalId: string;
  name: string;
  /** Its web domains from the PSA (answers cached before they were read have none): see company-for-email.ts. */
  domains?: string[];
}

/** What the PSA says about one email: the answer company resolution caches and explains. */
export type AccessAnswer =
  | { status: "ok"; companies: CompanyRef[] }
  | { status: "no_contact" }
  | { status: "no_company" }
  | { status: "contact_inactive" }
  | { status: "company_inactive"; companies: CompanyRef[] };

/** A project as cached and rendered: the connector's record as plain JSON, dates as ISO strings. */
export type ProjectRecord = Omit<PsaProject, "startDate" | "endDate" | "updatedAt"> & { startDate: string | null; endDate: string | null };

/** A phase or milestone as cached and rendered (dates as ISO strings). */
export type PhaseRecord = Omit<PsaPhase, "startDate" | "endDate"> & { startDate: string | null; endDate: string | null };

/** A project page's details as cached, snapshotted and rendered. */
export interface ProjectDetailsRecord {
  phases: PhaseRecord[] | null;
  manager: PsaPerson | null;
}

/** An answer and how fresh it is. `stale` answers come from the last known value or the sync snapshot. */
export type Lookup<T> =
  | { ok: true; value: T; asOf: Date; stale: boolean; source: "psa" | "cache" | "snapshot" }
  | { ok: false; error: PsaError };

export function toProjectRecord(project: PsaProject): ProjectRecord {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    externalId: project.externalId,
    companyExternalId: project.companyExternalId,
    name: project.name,
    status: project.status,
    phase: project.phase,
    manager: project.manager,
    managerExternalId: project.managerExternalId,
    startDate: iso(project.startDate),
    endDate: iso(project.endDate),
    budget: project.budget,
    invoiced: project.invoiced,
    hoursBudget: project.hoursBudget,
    hoursUsed: project.hoursUsed,
    percentComplete: project.percentComplete,
    description: project.description,
    active: project.active,
  };
}

export function toProjectDetailsRecord(details: PsaProjectDetails): ProjectDetailsRecord {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    phases: details.phases?.map((phase) => ({ ...phase, startDate: iso(phase.startDate), endDate: iso(phase.endDate) })) ?? null,
    manager: details.manager ? { name: details.manager.name, email: details.manager.email, phone: details.manager.phone } : null,
  };
}

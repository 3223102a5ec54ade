import type { PsaError, PsaProject } from "../../connectors/types";

/** A company as the portal shows it. */
export interface CompanyRef {
  externalId: string;
  name: string;
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
    startDate: iso(project.startDate),
    endDate: iso(project.endDate),
    budget: project.budget,
    percentComplete: project.percentComplete,
    description: project.description,
    active: project.active,
  };
}

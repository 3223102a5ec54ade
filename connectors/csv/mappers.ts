import type { PsaCompany, PsaContact, PsaPerson, PsaPhase, PsaProject } from "../types";
import { personOf } from "../shared/project-details";
import type { CsvCompanyRow, CsvContactRow, CsvPhaseRow, CsvProjectRow } from "./raw-schemas";

export function mapCsvCompany(row: CsvCompanyRow): PsaCompany {
  return { externalId: row.external_id, name: row.name, active: row.active, domains: row.domains, updatedAt: null };
}

export function mapCsvContact(row: CsvContactRow): PsaContact {
  return {
    externalId: row.external_id,
    firstName: row.first_name,
    lastName: row.last_name,
    emails: row.emails,
    companyExternalIds: row.company_external_ids,
    active: row.active,
    updatedAt: row.updated_at,
  };
}

export function mapCsvProject(row: CsvProjectRow): PsaProject {
  return {
    externalId: row.external_id,
    companyExternalId: row.company_external_id,
    name: row.name,
    status: row.status,
    phase: row.phase,
    manager: row.manager,
    managerExternalId: null,
    startDate: row.start_date,
    endDate: row.end_date,
    budget: row.budget,
    invoiced: row.invoiced,
    hoursBudget: row.hours_budget,
    hoursUsed: row.hours_used,
    percentComplete: row.percent_complete,
    description: row.description,
    active: row.active,
    updatedAt: row.updated_at,
  };
}

/** The manager's contact lives on the project's own row (manager, manager_email, manager_phone). */
export function mapCsvManager(row: CsvProjectRow): PsaPerson | null {
  return personOf(row.manager, row.manager_email, row.manager_phone);
}

export function mapCsvPhase(row: CsvPhaseRow): PsaPhase {
  return { externalId: row.external_id, name: row.name, startDate: row.start_date, endDate: row.end_date, state: row.state, milestone: row.milestone };
}

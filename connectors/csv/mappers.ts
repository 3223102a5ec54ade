import type { PsaCompany, PsaContact, PsaProject } from "../types";
import type { CsvCompanyRow, CsvContactRow, CsvProjectRow } from "./raw-schemas";

export function mapCsvCompany(row: CsvCompanyRow): PsaCompany {
  return { externalId: row.external_id, name: row.name, active: row.active, updatedAt: null };
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
    startDate: row.start_date,
    endDate: row.end_date,
    budget: row.budget,
    percentComplete: row.percent_complete,
    description: row.description,
    active: row.active,
    updatedAt: row.updated_at,
  };
}

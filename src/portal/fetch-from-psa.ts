import type { Firm } from "../generated/prisma/client";
import type { PsaResult } from "../../connectors/types";
import type { FirmConnectors } from "../psa/firm-connectors";
import { toProjectDetailsRecord, toProjectRecord } from "./company-answers";
import type { AccessAnswer, CompanyRef, ProjectDetailsRecord, ProjectRecord } from "./company-answers";

/**
 * Ask the firm's PSA which companies an email belongs to. Inactive contacts and companies are told apart
 * from "no contact" and "no company", because each needs a different message and a different fix.
 */
export async function fetchAccessFromPsa(connectors: FirmConnectors, firm: Firm, email: string): Promise<PsaResult<AccessAnswer>> {
  const connector = connectors.forFirm(firm);
  if (!connector.ok) return connector;
  const contacts = await connector.value.findContactsByEmail(email);
  if (!contacts.ok) return contacts;
  if (contacts.value.length === 0) return { ok: true, value: { status: "no_contact" } };
  const active = contacts.value.filter((contact) => contact.active);
  if (active.length === 0) return { ok: true, value: { status: "contact_inactive" } };
  const ids = [...new Set(active.flatMap((contact) => contact.companyExternalIds))];
  if (ids.length === 0) return { ok: true, value: { status: "no_company" } };

  // One request for all of the contact's companies (ConnectWise `id in (...)`, Autotask an `in` filter), not one each.
  const companies = await connector.value.getCompanies(ids);
  if (!companies.ok) return companies;
  const found: Array<CompanyRef & { active: boolean }> = companies.value
    .filter((company) => ids.includes(company.externalId))
    .map((company) => ({ externalId: company.externalId, name: company.name, domains: company.domains, active: company.active }));
  const byName = (a: CompanyRef, b: CompanyRef) => a.name.localeCompare(b.name);
  const ref = ({ externalId, name, domains }: CompanyRef) => ({ externalId, name, domains });
  const activeCompanies = found.filter((company) => company.active).map(ref).sort(byName);
  if (activeCompanies.length > 0) return { ok: true, value: { status: "ok", companies: activeCompanies } };
  if (found.length > 0) return { ok: true, value: { status: "company_inactive", companies: found.map(ref).sort(byName) } };
  return { ok: true, value: { status: "no_company" } };
}

export async function fetchProjectsFromPsa(connectors: FirmConnectors, firm: Firm, companyExternalId: string): Promise<PsaResult<ProjectRecord[]>> {
  const connector = connectors.forFirm(firm);
  if (!connector.ok) return connector;
  const projects = await connector.value.listCompanyProjects(companyExternalId);
  if (!projects.ok) return projects;
  return { ok: true, value: projects.value.map(toProjectRecord) };
}

/** What a project's own page adds to the list's record: its phases or milestones and the manager's contact. */
export async function fetchProjectDetailsFromPsa(connectors: FirmConnectors, firm: Firm, project: ProjectRecord): Promise<PsaResult<ProjectDetailsRecord>> {
  const connector = connectors.forFirm(firm);
  if (!connector.ok) return connector;
  const details = await connector.value.getProjectDetails(project);
  return details.ok ? { ok: true, value: toProjectDetailsRecord(details.value) } : details;
}

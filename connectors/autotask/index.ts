import type { ListOptions, PsaCompany, PsaConnector, PsaResult } from "../types";
import type { ConnectorDefinition, ResolvedDeps } from "../shared/deps";
import { keepExactEmailMatches } from "../shared/email-match";
import { looksLikeEmail, normalizeEmail } from "../shared/normalize-email";
import { collectAllPages } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { forward, succeed } from "../shared/result";
import { AUTOTASK_MAX_PAGE_SIZE, createAutotaskClient } from "./client";
import { discoverAutotask } from "./discover";
import { buildCompanyProjectsFilter, buildEmailFilter, buildIdsFilter, buildListFilter, buildProjectChildrenFilter, includeFields } from "./filters";
import { mapAutotaskCompany, mapAutotaskContact, mapAutotaskPhase, mapAutotaskProject, mapAutotaskResource } from "./mappers";
import { atCompanyItemSchema, atCompanySchema, atContactSchema, atEntityInformationSchema, atPhaseSchema, atProjectSchema, atResourceItemSchema, atTaskSchema } from "./raw-schemas";
import { inScheduleOrder } from "../shared/project-details";
import type { PsaPerson } from "../types";
import { autotaskFields, autotaskSecretFields, autotaskSettingsSchema, type AutotaskSettings } from "./settings";
import { autotaskWebhooks } from "./webhooks";

const NUMERIC_ID = /^\d+$/;
/** At most 500 values in one `in` filter, like the 500-condition cap of a query (vendor-apis.md §2.3). */
const IDS_PER_QUERY = AUTOTASK_MAX_PAGE_SIZE;

function pageSizeOf(options: ListOptions): number {
  return Math.min(AUTOTASK_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? AUTOTASK_MAX_PAGE_SIZE));
}

export function createAutotaskConnector(settings: AutotaskSettings, deps: ResolvedDeps) {
  const client = createAutotaskClient(settings, deps);
  const mapProject = (raw: Parameters<typeof mapAutotaskProject>[0]) => mapAutotaskProject(raw, settings.projectStatusLabels);

  // POST /V1.0/Companies/query {"filter":[{"op":"in","field":"id","value":[1,2]}]}: a contact's companies at once.
  async function getCompanies(externalIds: readonly string[]): Promise<PsaResult<PsaCompany[]>> {
    const ids = [...new Set(externalIds.filter((id) => NUMERIC_ID.test(id)))].map(Number);
    const companies: PsaCompany[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const query = { maxRecords: AUTOTASK_MAX_PAGE_SIZE, includeFields: includeFields.Companies, filter: buildIdsFilter(ids.slice(start, start + IDS_PER_QUERY)) };
      const chunk = await collectAllPages((cursor) => client.queryPage("Companies", query, cursor, atCompanySchema, "companies"));
      if (!chunk.ok) return forward(chunk);
      companies.push(...chunk.value.filter((company) => ids.includes(company.id)).map(mapAutotaskCompany));
    }
    return succeed(companies);
  }

  // GET /V1.0/Resources/{id} → {"item": {...}}: the project lead. A resource the API user may not read is no contact.
  async function getResource(resourceId: string): Promise<PsaResult<PsaPerson | null>> {
    if (!NUMERIC_ID.test(resourceId)) return succeed(null);
    const response = await client.get(`Resources/${resourceId}`, "get project lead", [403, 404]);
    if (!response.ok) return forward(response);
    if (response.value.status !== 200) return succeed(null);
    const parsed = parsePayload(atResourceItemSchema, response.value.data, client.vendor.label, "a resource");
    if (!parsed.ok) return forward(parsed);
    return succeed(parsed.value.item ? mapAutotaskResource(parsed.value.item) : null);
  }

  return {
    kind: "autotask",
    capabilities: { changedSince: { contacts: true, companies: true, projects: true } },

    // POST /V1.0/Contacts/query with an "or" over emailAddress/2/3 (vendor ContactModel fields). The
    // case sensitivity of "eq" is not documented, so matches are re-checked after normalizeEmail.
    async findContactsByEmail(email) {
      const wanted = normalizeEmail(email);
      if (!looksLikeEmail(wanted)) return succeed([]);
      const query = { maxRecords: AUTOTASK_MAX_PAGE_SIZE, includeFields: includeFields.Contacts, filter: buildEmailFilter(wanted) };
      const all = await collectAllPages((cursor) => client.queryPage("Contacts", query, cursor, atContactSchema, "contacts"));
      if (!all.ok) return forward(all);
      return succeed(keepExactEmailMatches(all.value.map(mapAutotaskContact), wanted));
    },

    // GET /V1.0/Companies/{id} → {"item": {...}} (ItemQueryResultModel); a missing id gives 404 or a null item.
    // A GET by id cannot select fields; page loads read a contact's companies with getCompanies (IncludeFields).
    async getCompany(externalId) {
      if (!NUMERIC_ID.test(externalId)) return succeed(null);
      const response = await client.get(`Companies/${externalId}`, "get company", [404]);
      if (!response.ok) return forward(response);
      if (response.value.status === 404) return succeed(null);
      const parsed = parsePayload(atCompanyItemSchema, response.value.data, client.vendor.label, "a company");
      if (!parsed.ok) return forward(parsed);
      return succeed(parsed.value.item ? mapAutotaskCompany(parsed.value.item) : null);
    },

    getCompanies,

    // POST /V1.0/Projects/query filtered on companyID.
    async listCompanyProjects(companyExternalId) {
      if (!NUMERIC_ID.test(companyExternalId)) return succeed([]);
      const query = { maxRecords: AUTOTASK_MAX_PAGE_SIZE, includeFields: includeFields.Projects, filter: buildCompanyProjectsFilter(Number(companyExternalId)) };
      const all = await collectAllPages((cursor) => client.queryPage("Projects", query, cursor, atProjectSchema, "projects"));
      return all.ok ? succeed(all.value.map(mapProject)) : forward(all);
    },

    // POST /V1.0/Phases/query and /V1.0/Tasks/query filtered on projectID (a phase's tasks tell its progress),
    // then the project lead's resource.
    async getProjectDetails(project) {
      if (!NUMERIC_ID.test(project.externalId)) return succeed({ phases: null, manager: null });
      const filter = buildProjectChildrenFilter(Number(project.externalId));
      const phases = await collectAllPages((cursor) => client.queryPage("Phases", { maxRecords: AUTOTASK_MAX_PAGE_SIZE, includeFields: includeFields.Phases, filter }, cursor, atPhaseSchema, "phases"));
      if (!phases.ok) return forward(phases);
      const tasks = phases.value.length === 0 ? succeed([]) : await collectAllPages((cursor) => client.queryPage("Tasks", { maxRecords: AUTOTASK_MAX_PAGE_SIZE, includeFields: includeFields.Tasks, filter }, cursor, atTaskSchema, "tasks"));
      if (!tasks.ok) return forward(tasks);
      const manager = project.managerExternalId ? await getResource(project.managerExternalId) : succeed(null);
      if (!manager.ok) return forward(manager);
      return succeed({ phases: inScheduleOrder(phases.value.map((phase) => mapAutotaskPhase(phase, tasks.value))), manager: manager.value });
    },

    async listContacts(options = {}) {
      const query = { maxRecords: pageSizeOf(options), includeFields: includeFields.Contacts, filter: buildListFilter("Contacts", options.changedSince) };
      const page = await client.queryPage("Contacts", query, options.cursor, atContactSchema, "contacts");
      return page.ok ? succeed({ items: page.value.items.map(mapAutotaskContact), nextCursor: page.value.nextCursor }) : forward(page);
    },

    async listCompanies(options = {}) {
      const query = { maxRecords: pageSizeOf(options), includeFields: includeFields.Companies, filter: buildListFilter("Companies", options.changedSince) };
      const page = await client.queryPage("Companies", query, options.cursor, atCompanySchema, "companies");
      return page.ok ? succeed({ items: page.value.items.map(mapAutotaskCompany), nextCursor: page.value.nextCursor }) : forward(page);
    },

    async listProjects(options = {}) {
      const query = { maxRecords: pageSizeOf(options), includeFields: includeFields.Projects, filter: buildListFilter("Projects", options.changedSince) };
      const page = await client.queryPage("Projects", query, options.cursor, atProjectSchema, "projects");
      return page.ok ? succeed({ items: page.value.items.map(mapProject), nextCursor: page.value.nextCursor }) : forward(page);
    },

    // Zone lookup, then GET /V1.0/Companies/entityInformation: authenticated and returns no records.
    async verifyConnection() {
      const response = await client.get("Companies/entityInformation", "test connection");
      if (!response.ok) return forward(response);
      const parsed = parsePayload(atEntityInformationSchema, response.value.data, client.vendor.label, "entity information");
      if (!parsed.ok) return forward(parsed);
      const zone = await client.resolveZone();
      const zoneName = zone.ok ? zone.value.zoneName : "its zone";
      const canQuery = parsed.value.info.canQuery === false ? " but may not query companies" : "";
      return succeed({ description: `Connected to Autotask (${zoneName}) as ${settings.username}${canQuery}.` });
    },
  } satisfies PsaConnector;
}

export const autotaskDefinition = {
  kind: "autotask",
  label: "Autotask PSA",
  settingsSchema: autotaskSettingsSchema,
  secretFields: autotaskSecretFields,
  fields: autotaskFields,
  // Three email slots per contact; Contacts.isActive is 1/0 and Companies.isActive a boolean (vendor Swagger
  // ContactModel / CompanyModel, vendor-apis.md §2).
  recordFields: {
    contactEmails: "the contact's Email Address, Email Address 2 or Email Address 3 (emailAddress, emailAddress2, emailAddress3)",
    contactActive: "the contact's Active box (isActive)",
    contactCompany: "the contact's Company (companyID)",
    companyActive: "the company's Active box (isActive)",
  },
  webhooks: autotaskWebhooks,
  create: createAutotaskConnector,
  discover: discoverAutotask,
  addressesOf: (settings) => (settings.zoneUrl ? [{ field: "zoneUrl", host: new URL(settings.zoneUrl).host }] : []),
} satisfies ConnectorDefinition<typeof autotaskSettingsSchema>;

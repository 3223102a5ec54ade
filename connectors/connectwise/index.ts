import type { ListOptions, PsaCompany, PsaConnector, PsaResult } from "../types";
import type { ConnectorDefinition, ResolvedDeps } from "../shared/deps";
import { keepExactEmailMatches } from "../shared/email-match";
import { looksLikeEmail, normalizeEmail } from "../shared/normalize-email";
import { collectAllPages } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { forward, succeed } from "../shared/result";
import { CONNECTWISE_MAX_PAGE_SIZE, createConnectwiseClient } from "./client";
import { createCompanyStatusCache } from "./company-statuses";
import { buildChangedSinceCondition, buildCompanyCondition, buildEmailChildConditions, buildIdsCondition } from "./conditions";
import { discoverConnectwise } from "./discover";
import { mapConnectwiseCompany, mapConnectwiseContact, mapConnectwiseManager, mapConnectwisePhase, mapConnectwiseProject } from "./mappers";
import { cwCompanyListSchema, cwCompanySchema, cwContactListSchema, cwCountSchema, cwMemberSchema, cwPhaseListSchema, cwProjectListSchema, type CwCompany, type CwMember, type CwPhase } from "./raw-schemas";
import { inScheduleOrder } from "../shared/project-details";
import { connectwiseFields, connectwiseSecretFields, connectwiseSettingsSchema, type ConnectwiseSettings } from "./settings";
import { connectwiseWebhooks } from "./webhooks";
import { createCallbackVerifier } from "./callback-signature";

const NUMERIC_ID = /^\d+$/;
/** Ids per `id in (...)` request: keeps the URL far below the guide's recommended 2,000 characters. */
const IDS_PER_REQUEST = 100;

/**
 * Partial responses (`fields=`, Developer Guide "Conditions" query table; nested as `company/id`): only what
 * the mappers read, so a page load does not pull whole records with their custom fields.
 */
export const CW_FIELDS = {
  contacts: "id,firstName,lastName,company/id,inactiveFlag,communicationItems,_info/lastUpdated",
  companies: "id,identifier,name,deletedFlag,status/id,website,_info/lastUpdated",
  projects:
    "id,name,company/id,status/name,closedFlag,manager/id,manager/name,manager/identifier,estimatedStart,estimatedEnd,actualStart,actualEnd,percentComplete,billingAmount,budgetHours,actualHours,description,_info/lastUpdated",
  phases: "id,description,status/name,markAsMilestoneFlag,wbsCode,scheduledStart,scheduledEnd,actualStart,actualEnd,deadlineDate",
  members: "id,firstName,lastName,officeEmail,officePhone",
} as const;

function pageSizeOf(options: ListOptions): number {
  return Math.min(CONNECTWISE_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? CONNECTWISE_MAX_PAGE_SIZE));
}

/** Stable order so page N is the same rows between calls (offset paging over a changing table). */
function firstPageQuery(options: ListOptions, fields: string, conditions?: string) {
  return { conditions, fields, orderBy: "id asc", pageSize: pageSizeOf(options), page: 1 };
}

export function createConnectwiseConnector(settings: ConnectwiseSettings, deps: ResolvedDeps) {
  const client = createConnectwiseClient(settings, deps);
  const statuses = createCompanyStatusCache(client, deps);
  const verifyWebhook = createCallbackVerifier(settings, deps);

  async function mapCompanies(raw: CwCompany[]): Promise<PsaResult<PsaCompany[]>> {
    if (raw.length === 0) return succeed([]);
    const inactive = await statuses.inactiveStatusIds();
    return inactive.ok ? succeed(raw.map((company) => mapConnectwiseCompany(company, inactive.value))) : forward(inactive);
  }

  // One page of up to 1,000 phases: a project has tens. A project deleted meanwhile (404) has none.
  async function listPhases(projectId: string): Promise<PsaResult<CwPhase[]>> {
    const query = { fields: CW_FIELDS.phases, orderBy: "id asc", pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
    const response = await client.get(`/project/projects/${projectId}/phases`, "list project phases", query, [404]);
    if (!response.ok) return forward(response);
    if (response.value.status === 404) return succeed([]);
    return parsePayload(cwPhaseListSchema, response.value.data, client.vendor.label, "project phases");
  }

  async function readMember(memberId: string): Promise<PsaResult<CwMember | null>> {
    const response = await client.get(`/system/members/${memberId}`, "get project manager", { fields: CW_FIELDS.members }, [403, 404]);
    if (!response.ok) return forward(response);
    if (response.value.status !== 200) return succeed(null);
    return parsePayload(cwMemberSchema, response.value.data, client.vendor.label, "a member");
  }

  return {
    kind: "connectwise",
    capabilities: { changedSince: { contacts: true, companies: true, projects: true } },

    // GET /company/contacts?childConditions=communicationItems/value="…" AND communicationItems/communicationType="Email"
    // (Developer Guide query table). One email can belong to several contacts (one per company).
    async findContactsByEmail(email) {
      const wanted = normalizeEmail(email);
      const childConditions = looksLikeEmail(wanted) ? buildEmailChildConditions(wanted) : null;
      if (!childConditions) return succeed([]);
      const query = { childConditions, fields: CW_FIELDS.contacts, pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
      const all = await collectAllPages((cursor) => client.getPage("/company/contacts", query, cursor, cwContactListSchema, "contacts"));
      if (!all.ok) return forward(all);
      return succeed(keepExactEmailMatches(all.value.map(mapConnectwiseContact), wanted));
    },

    // GET /company/companies/{id} (pyconnectwise CompanyCompaniesIdEndpoint); 404 means no such company.
    async getCompany(externalId) {
      if (!NUMERIC_ID.test(externalId)) return succeed(null);
      const response = await client.get(`/company/companies/${externalId}`, "get company", { fields: CW_FIELDS.companies }, [404]);
      if (!response.ok) return forward(response);
      if (response.value.status === 404) return succeed(null);
      const parsed = parsePayload(cwCompanySchema, response.value.data, client.vendor.label, "a company");
      if (!parsed.ok) return forward(parsed);
      const mapped = await mapCompanies([parsed.value]);
      return mapped.ok ? succeed(mapped.value[0] ?? null) : forward(mapped);
    },

    // GET /company/companies?conditions=id in (1,2,3): a contact's companies in one request.
    async getCompanies(externalIds) {
      const ids = [...new Set(externalIds.filter((id) => NUMERIC_ID.test(id)))];
      const found: CwCompany[] = [];
      for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
        const query = { conditions: buildIdsCondition(ids.slice(start, start + IDS_PER_REQUEST)), fields: CW_FIELDS.companies, orderBy: "id asc", pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
        const chunk = await collectAllPages((cursor) => client.getPage("/company/companies", query, cursor, cwCompanyListSchema, "companies"));
        if (!chunk.ok) return forward(chunk);
        found.push(...chunk.value.filter((company) => ids.includes(String(company.id))));
      }
      return mapCompanies(found);
    },

    // GET /project/projects?conditions=company/id=N (Developer Guide condition syntax).
    async listCompanyProjects(companyExternalId) {
      if (!NUMERIC_ID.test(companyExternalId)) return succeed([]);
      const query = { conditions: buildCompanyCondition(companyExternalId), fields: CW_FIELDS.projects, orderBy: "id asc", pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
      const all = await collectAllPages((cursor) => client.getPage("/project/projects", query, cursor, cwProjectListSchema, "projects"));
      return all.ok ? succeed(all.value.map(mapConnectwiseProject)) : forward(all);
    },

    // GET /project/projects/{id}/phases (ProjectPhasesApi) and GET /system/members/{id} for the manager's office
    // email and phone. An API member whose security role may not read members (403) still gets the phases.
    async getProjectDetails(project) {
      if (!NUMERIC_ID.test(project.externalId)) return succeed({ phases: null, manager: null });
      const phases = await listPhases(project.externalId);
      if (!phases.ok) return forward(phases);
      const member = project.managerExternalId && NUMERIC_ID.test(project.managerExternalId) ? await readMember(project.managerExternalId) : succeed(null);
      if (!member.ok) return forward(member);
      return succeed({ phases: inScheduleOrder(phases.value.map(mapConnectwisePhase)), manager: mapConnectwiseManager(project.manager, member.value) });
    },

    // Incremental sync: conditions=lastUpdated>=[…] (Developer Guide "Conditions"); deletions are not reported.
    async listContacts(options = {}) {
      const query = firstPageQuery(options, CW_FIELDS.contacts, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/company/contacts", query, options.cursor, cwContactListSchema, "contacts");
      return page.ok ? succeed({ items: page.value.items.map(mapConnectwiseContact), nextCursor: page.value.nextCursor }) : forward(page);
    },

    async listCompanies(options = {}) {
      const query = firstPageQuery(options, CW_FIELDS.companies, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/company/companies", query, options.cursor, cwCompanyListSchema, "companies");
      if (!page.ok) return forward(page);
      const items = await mapCompanies(page.value.items);
      return items.ok ? succeed({ items: items.value, nextCursor: page.value.nextCursor }) : forward(items);
    },

    async listProjects(options = {}) {
      const query = firstPageQuery(options, CW_FIELDS.projects, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/project/projects", query, options.cursor, cwProjectListSchema, "projects");
      return page.ok ? succeed({ items: page.value.items.map(mapConnectwiseProject), nextCursor: page.value.nextCursor }) : forward(page);
    },

    // x-content-signature with the key at Metadata.key_url, read only from this site (callback-signature.ts).
    verifyWebhook,

    // GET /company/contacts/count → {"count":N}: authenticated, cheap, and shows what the API member can see.
    async verifyConnection() {
      const response = await client.get("/company/contacts/count", "test connection");
      if (!response.ok) return forward(response);
      const parsed = parsePayload(cwCountSchema, response.value.data, client.vendor.label, "a contact count");
      if (!parsed.ok) return forward(parsed);
      return succeed({ description: `Connected to ConnectWise PSA at ${settings.site} (company ${settings.companyId}); the API member can see ${parsed.value.count} contacts.` });
    },
  } satisfies PsaConnector;
}

export const connectwiseDefinition = {
  kind: "connectwise",
  label: "ConnectWise PSA",
  settingsSchema: connectwiseSettingsSchema,
  secretFields: connectwiseSecretFields,
  fields: connectwiseFields,
  // Email is not a contact field in ConnectWise: it is a communication item of type Email (vendor-apis.md §1.4,
  // pyconnectwise ContactCommunicationItem); companies are inactive by a status the firm marked inactive, or deleted.
  recordFields: {
    contactEmails: "the contact's communication items (an Email entry under Contact > Communication)",
    contactActive: "the contact's Inactive flag",
    contactCompany: "the contact's Company",
    companyActive: "the company's Status (a status marked Inactive makes it inactive) or its deletion",
  },
  webhooks: connectwiseWebhooks,
  create: createConnectwiseConnector,
  discover: discoverConnectwise,
  addressesOf: (settings) => [{ field: "site", host: settings.site }],
} satisfies ConnectorDefinition<typeof connectwiseSettingsSchema>;

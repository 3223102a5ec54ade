import type { ListOptions, PsaConnector } from "../types";
import type { ConnectorDefinition, ResolvedDeps } from "../shared/deps";
import { keepExactEmailMatches } from "../shared/email-match";
import { looksLikeEmail, normalizeEmail } from "../shared/normalize-email";
import { collectAllPages } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { forward, succeed } from "../shared/result";
import { CONNECTWISE_MAX_PAGE_SIZE, createConnectwiseClient } from "./client";
import { buildChangedSinceCondition, buildCompanyCondition, buildEmailChildConditions } from "./conditions";
import { mapConnectwiseCompany, mapConnectwiseContact, mapConnectwiseProject } from "./mappers";
import { cwCompanyListSchema, cwCompanySchema, cwContactListSchema, cwCountSchema, cwProjectListSchema } from "./raw-schemas";
import { connectwiseSecretFields, connectwiseSettingsSchema, type ConnectwiseSettings } from "./settings";
import { connectwiseWebhooks } from "./webhooks";

const NUMERIC_ID = /^\d+$/;

function pageSizeOf(options: ListOptions): number {
  return Math.min(CONNECTWISE_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? CONNECTWISE_MAX_PAGE_SIZE));
}

/** Stable order so page N is the same rows between calls (offset paging over a changing table). */
function firstPageQuery(options: ListOptions, conditions?: string) {
  return { conditions, orderBy: "id asc", pageSize: pageSizeOf(options), page: 1 };
}

export function createConnectwiseConnector(settings: ConnectwiseSettings, deps: ResolvedDeps) {
  const client = createConnectwiseClient(settings, deps);

  return {
    kind: "connectwise",
    capabilities: { changedSince: { contacts: true, companies: true, projects: true } },

    // GET /company/contacts?childConditions=communicationItems/value="…" AND communicationItems/communicationType="Email"
    // (Developer Guide query table). One email can belong to several contacts (one per company).
    async findContactsByEmail(email) {
      const wanted = normalizeEmail(email);
      const childConditions = looksLikeEmail(wanted) ? buildEmailChildConditions(wanted) : null;
      if (!childConditions) return succeed([]);
      const query = { childConditions, pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
      const all = await collectAllPages((cursor) => client.getPage("/company/contacts", query, cursor, cwContactListSchema, "contacts"));
      if (!all.ok) return forward(all);
      return succeed(keepExactEmailMatches(all.value.map(mapConnectwiseContact), wanted));
    },

    // GET /company/companies/{id} (pyconnectwise CompanyCompaniesIdEndpoint); 404 means no such company.
    async getCompany(externalId) {
      if (!NUMERIC_ID.test(externalId)) return succeed(null);
      const response = await client.get(`/company/companies/${externalId}`, "get company", undefined, [404]);
      if (!response.ok) return forward(response);
      if (response.value.status === 404) return succeed(null);
      const parsed = parsePayload(cwCompanySchema, response.value.data, client.vendor.label, "a company");
      return parsed.ok ? succeed(mapConnectwiseCompany(parsed.value)) : forward(parsed);
    },

    // GET /project/projects?conditions=company/id=N (Developer Guide condition syntax).
    async listCompanyProjects(companyExternalId) {
      if (!NUMERIC_ID.test(companyExternalId)) return succeed([]);
      const query = { conditions: buildCompanyCondition(companyExternalId), orderBy: "id asc", pageSize: CONNECTWISE_MAX_PAGE_SIZE, page: 1 };
      const all = await collectAllPages((cursor) => client.getPage("/project/projects", query, cursor, cwProjectListSchema, "projects"));
      return all.ok ? succeed(all.value.map(mapConnectwiseProject)) : forward(all);
    },

    // Incremental sync: conditions=lastUpdated>=[…] (Developer Guide "Conditions"); deletions are not reported.
    async listContacts(options = {}) {
      const query = firstPageQuery(options, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/company/contacts", query, options.cursor, cwContactListSchema, "contacts");
      return page.ok ? succeed({ items: page.value.items.map(mapConnectwiseContact), nextCursor: page.value.nextCursor }) : forward(page);
    },

    async listCompanies(options = {}) {
      const query = firstPageQuery(options, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/company/companies", query, options.cursor, cwCompanyListSchema, "companies");
      return page.ok ? succeed({ items: page.value.items.map(mapConnectwiseCompany), nextCursor: page.value.nextCursor }) : forward(page);
    },

    async listProjects(options = {}) {
      const query = firstPageQuery(options, buildChangedSinceCondition(options.changedSince));
      const page = await client.getPage("/project/projects", query, options.cursor, cwProjectListSchema, "projects");
      return page.ok ? succeed({ items: page.value.items.map(mapConnectwiseProject), nextCursor: page.value.nextCursor }) : forward(page);
    },

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
  webhooks: connectwiseWebhooks,
  create: createConnectwiseConnector,
} satisfies ConnectorDefinition<typeof connectwiseSettingsSchema>;

import type { ListOptions, PsaCompany, PsaConnector, PsaResult } from "../types";
import { formatUtcSeconds } from "../shared/dates";
import type { ConnectorDefinition, ResolvedDeps } from "../shared/deps";
import { keepExactEmailMatches } from "../shared/email-match";
import { looksLikeEmail, normalizeEmail } from "../shared/normalize-email";
import { collectAllPages } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { forward, succeed } from "../shared/result";
import { createHalopsaClient, HALO_MAX_PAGE_SIZE } from "./client";
import { mapHaloAgent, mapHaloChild, mapHaloClient, mapHaloMilestone, mapHaloProject, mapHaloUser } from "./mappers";
import { haloAgentSchema, haloClientPageSchema, haloClientSchema, haloProjectDetailSchema, haloProjectPageSchema, haloUserPageSchema, type HaloAgent } from "./raw-schemas";
import { inScheduleOrder } from "../shared/project-details";
import type { PsaPhase } from "../types";
import { discoverHalopsa } from "./discover";
import { halopsaFields, halopsaSecretFields, halopsaSettingsSchema, type HalopsaSettings } from "./settings";

const NUMERIC_ID = /^\d+$/;
const DAY_MS = 86_400_000;

function pageSizeOf(options: ListOptions): number {
  return Math.min(HALO_MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? HALO_MAX_PAGE_SIZE));
}

const pickUsers = (payload: { users: Parameters<typeof mapHaloUser>[0][]; record_count?: number | null }) => ({ records: payload.users.map(mapHaloUser), total: payload.record_count ?? null });
const pickClients = (payload: { clients: Parameters<typeof mapHaloClient>[0][]; record_count?: number | null }) => ({ records: payload.clients.map(mapHaloClient), total: payload.record_count ?? null });
const pickProjects = (payload: { tickets: Parameters<typeof mapHaloProject>[0][]; record_count?: number | null }) => ({ records: payload.tickets.map(mapHaloProject), total: payload.record_count ?? null });
const pickChildren = (payload: { tickets: Parameters<typeof mapHaloChild>[0][]; record_count?: number | null }) => ({ records: payload.tickets.map(mapHaloChild), total: payload.record_count ?? null });

export function createHalopsaConnector(settings: HalopsaSettings, deps: ResolvedDeps) {
  const client = createHalopsaClient(settings, deps);

  // GET /api/Client/{id}; 404 means no such client.
  async function getCompany(externalId: string): Promise<PsaResult<PsaCompany | null>> {
    if (!NUMERIC_ID.test(externalId)) return succeed(null);
    const response = await client.get(`Client/${externalId}`, {}, "get company", [404]);
    if (!response.ok) return forward(response);
    if (response.value.status === 404) return succeed(null);
    const parsed = parsePayload(haloClientSchema, response.value.data, client.vendor.label, "a client");
    return parsed.ok ? succeed(mapHaloClient(parsed.value)) : forward(parsed);
  }

  // GET /api/Projects/{id}?includedetails=true ("Include extra objects in the response"): the project's milestones.
  async function listMilestones(projectId: string): Promise<PsaResult<PsaPhase[]>> {
    const response = await client.get(`Projects/${projectId}`, { includedetails: true }, "get project milestones", [404]);
    if (!response.ok) return forward(response);
    if (response.value.status === 404) return succeed([]);
    const parsed = parsePayload(haloProjectDetailSchema, response.value.data, client.vendor.label, "a project");
    return parsed.ok ? succeed((parsed.value.milestones ?? []).map(mapHaloMilestone)) : forward(parsed);
  }

  // GET /api/Agent/{id}: the project's agent. One the API application may not read is no contact.
  async function getAgent(agentId: string): Promise<PsaResult<HaloAgent | null>> {
    if (!NUMERIC_ID.test(agentId)) return succeed(null);
    const response = await client.get(`Agent/${agentId}`, {}, "get project agent", [403, 404]);
    if (!response.ok) return forward(response);
    if (response.value.status !== 200) return succeed(null);
    return parsePayload(haloAgentSchema, response.value.data, client.vendor.label, "an agent");
  }

  return {
    kind: "halopsa",
    // /Users and /Client have no "modified since" filter (lastupdatefromdate is a bool "include the field"),
    // so the sync lists them in full; /Projects takes datesearch + startdate/enddate (vendor document).
    capabilities: { changedSince: { contacts: false, companies: false, projects: true } },

    // GET /api/Users?search=… ("Filter by Users like your search string": fuzzy), then an exact match on
    // emailaddress/email2/email3. Inactive users are included so the gateway can tell "disabled" from "unknown".
    async findContactsByEmail(email) {
      const wanted = normalizeEmail(email);
      if (!looksLikeEmail(wanted)) return succeed([]);
      const query = { search: wanted, includeinactive: true, exclude_agents: true, page_size: HALO_MAX_PAGE_SIZE };
      const all = await collectAllPages((cursor) => client.getPage("Users", query, cursor, haloUserPageSchema, pickUsers, "users"), 10);
      return all.ok ? succeed(keepExactEmailMatches(all.value, wanted)) : forward(all);
    },

    getCompany,

    // /api/Client takes no list of ids (vendor document: search, toplevel_id, paging only), so one GET per id;
    // a contact belongs to one client in Halo, so this is one request on a page load.
    async getCompanies(externalIds) {
      const companies: PsaCompany[] = [];
      for (const id of new Set(externalIds)) {
        const company = await getCompany(id);
        if (!company.ok) return forward(company);
        if (company.value) companies.push(company.value);
      }
      return succeed(companies);
    },

    // GET /api/Projects?client_id=N&open_only=true (vendor document: "Returns only open tickets"; list under
    // "tickets"). The document does not say whether closed projects are listed by default, and tenants may add
    // closed statuses of their own, so Halo is asked for open ones instead of guessing from status ids.
    async listCompanyProjects(companyExternalId) {
      if (!NUMERIC_ID.test(companyExternalId)) return succeed([]);
      const query = { client_id: Number(companyExternalId), open_only: true, page_size: HALO_MAX_PAGE_SIZE };
      return collectAllPages((cursor) => client.getPage("Projects", query, cursor, haloProjectPageSchema, pickProjects, "projects"));
    },

    // The schedule is the project's milestones and its child tickets (GET /api/Projects?parent_id=N, "Filters by
    // the specified parent"); the manager is the project's agent.
    async getProjectDetails(project) {
      if (!NUMERIC_ID.test(project.externalId)) return succeed({ phases: null, manager: null });
      const milestones = await listMilestones(project.externalId);
      if (!milestones.ok) return forward(milestones);
      const query = { parent_id: Number(project.externalId), page_size: HALO_MAX_PAGE_SIZE };
      const children = await collectAllPages((cursor) => client.getPage("Projects", query, cursor, haloProjectPageSchema, pickChildren, "child tickets"), 10);
      if (!children.ok) return forward(children);
      const agent = project.managerExternalId ? await getAgent(project.managerExternalId) : succeed(null);
      if (!agent.ok) return forward(agent);
      return succeed({ phases: inScheduleOrder([...milestones.value, ...children.value]), manager: mapHaloAgent(agent.value, project.manager) });
    },

    async listContacts(options = {}) {
      const query = { includeinactive: true, exclude_agents: true, page_size: pageSizeOf(options) };
      return client.getPage("Users", query, options.cursor, haloUserPageSchema, pickUsers, "users");
    },

    async listCompanies(options = {}) {
      return client.getPage("Client", { includeinactive: true, page_size: pageSizeOf(options) }, options.cursor, haloClientPageSchema, pickClients, "clients");
    },

    // datesearch=lastactiondate&startdate=…&enddate=… ("For use with the datesearch parameter").
    async listProjects(options = {}) {
      const since = options.changedSince;
      const window: Record<string, string> = since ? { datesearch: "lastactiondate", startdate: formatUtcSeconds(since), enddate: formatUtcSeconds(new Date(deps.now().getTime() + DAY_MS)) } : {};
      return client.getPage("Projects", { ...window, page_size: pageSizeOf(options) }, options.cursor, haloProjectPageSchema, pickProjects, "projects");
    },

    // A token, then one client record: proves the secret, the scope and that the agent can see clients.
    async verifyConnection() {
      const response = await client.get("Client", { pageinate: true, page_size: 1, page_no: 1 }, "test connection");
      if (!response.ok) return forward(response);
      const parsed = parsePayload(haloClientPageSchema, response.value.data, client.vendor.label, "clients");
      if (!parsed.ok) return forward(parsed);
      const visible = parsed.value.record_count ?? parsed.value.clients.length;
      return succeed({ description: `Connected to HaloPSA at ${settings.baseUrl}; the API agent can see ${visible} clients.` });
    },
  } satisfies PsaConnector;
}

export const halopsaDefinition = {
  kind: "halopsa",
  label: "HaloPSA",
  settingsSchema: halopsaSettingsSchema,
  secretFields: halopsaSecretFields,
  fields: halopsaFields,
  // A HaloPSA end user has emailaddress, email2 and email3 and belongs to one client (vendor-apis.md §3, Users).
  recordFields: {
    contactEmails: "the user's Email Address, Email 2 or Email 3 (emailaddress, email2, email3)",
    contactActive: "the user's Inactive box (inactive)",
    contactCompany: "the user's Client (client_id)",
    companyActive: "the client's Inactive box (inactive)",
  },
  create: createHalopsaConnector,
  discover: discoverHalopsa,
  addressesOf: (settings) => [
    { field: "baseUrl", host: new URL(settings.baseUrl).host },
    ...(settings.authUrl ? [{ field: "authUrl", host: new URL(settings.authUrl).host }] : []),
  ],
} satisfies ConnectorDefinition<typeof halopsaSettingsSchema>;

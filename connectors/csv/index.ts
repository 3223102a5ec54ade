import path from "node:path";
import { z } from "zod";
import type { ListOptions, Page, PsaConnector, PsaResult } from "../types";
import type { ConnectorDefinition, ResolvedDeps } from "../shared/deps";
import { keepExactEmailMatches } from "../shared/email-match";
import { decodeCursor, encodeCursor } from "../shared/pagination";
import { fail, forward, succeed } from "../shared/result";
import { createCsvSource } from "./client";
import { csvFields, csvSecretFields, csvSettingsSchema, type CsvSettings } from "./settings";

export { parseCsvPsa, formatCsvRowError, type CsvFiles, type CsvPsaData, type CsvRowError, type CsvParseResult } from "./parse-csv-psa";

const DEFAULT_PAGE_SIZE = 500;
const cursorSchema = z.object({ list: z.enum(["contacts", "companies", "projects"]), offset: z.number().int().min(0) });

/** Pages over an in-memory list; the cursor is the next offset. */
function slicePage<T>(list: "contacts" | "companies" | "projects", items: T[], options: ListOptions): PsaResult<Page<T>> {
  let offset = 0;
  if (options.cursor) {
    const decoded = decodeCursor(options.cursor, cursorSchema, "CSV");
    if (!decoded.ok) return forward(decoded);
    if (decoded.value.list !== list) return fail("psa_misconfigured", "This cursor belongs to another CSV listing; restart the listing without a cursor.", { detail: "cursor" });
    offset = decoded.value.offset;
  }
  const size = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const end = offset + size;
  return succeed({ items: items.slice(offset, end), nextCursor: end < items.length ? encodeCursor({ list, offset: end }) : null });
}

/** Rows without updated_at count as changed: the file gives no reason to skip them. */
function changedSince<T extends { updatedAt: Date | null }>(items: T[], since: Date | null | undefined): T[] {
  return since ? items.filter((item) => item.updatedAt === null || item.updatedAt.getTime() >= since.getTime()) : items;
}

export function createCsvConnector(settings: CsvSettings, deps: ResolvedDeps) {
  // A relative folder (the demo's config/demo-psa) means the same folder from any working directory.
  const source = createCsvSource(settings.directory ? { ...settings, directory: path.resolve(deps.baseDirectory, settings.directory) } : settings);

  return {
    kind: "csv",
    // companies.csv has no updated_at column, so companies are always listed in full.
    capabilities: { changedSince: { contacts: true, companies: false, projects: true } },

    async findContactsByEmail(email) {
      const data = await source.load();
      return data.ok ? succeed(keepExactEmailMatches(data.value.contacts, email)) : forward(data);
    },

    async getCompany(externalId) {
      const data = await source.load();
      return data.ok ? succeed(data.value.companies.find((company) => company.externalId === externalId) ?? null) : forward(data);
    },

    async getCompanies(externalIds) {
      const data = await source.load();
      const wanted = new Set(externalIds);
      return data.ok ? succeed(data.value.companies.filter((company) => wanted.has(company.externalId))) : forward(data);
    },

    async listCompanyProjects(companyExternalId) {
      const data = await source.load();
      return data.ok ? succeed(data.value.projects.filter((project) => project.companyExternalId === companyExternalId)) : forward(data);
    },

    async getProjectDetails(project) {
      const data = await source.load();
      return data.ok ? succeed(data.value.details.get(project.externalId) ?? { phases: null, manager: null }) : forward(data);
    },

    async listContacts(options = {}) {
      const data = await source.load();
      return data.ok ? slicePage("contacts", changedSince(data.value.contacts, options.changedSince), options) : forward(data);
    },

    async listCompanies(options = {}) {
      const data = await source.load();
      return data.ok ? slicePage("companies", data.value.companies, options) : forward(data);
    },

    async listProjects(options = {}) {
      const data = await source.load();
      return data.ok ? slicePage("projects", changedSince(data.value.projects, options.changedSince), options) : forward(data);
    },

    async verifyConnection() {
      const data = await source.load();
      if (!data.ok) return forward(data);
      const { companies, contacts, projects } = data.value;
      return succeed({ description: `Read ${companies.length} companies, ${contacts.length} contacts and ${projects.length} projects from the CSV files.` });
    },
  } satisfies PsaConnector;
}

export const csvDefinition = {
  kind: "csv",
  label: "CSV files",
  settingsSchema: csvSettingsSchema,
  secretFields: csvSecretFields,
  fields: csvFields,
  recordFields: {
    contactEmails: "the emails column of contacts.csv (addresses separated by ;)",
    contactActive: "the active column of contacts.csv",
    contactCompany: "the company_external_ids column of contacts.csv",
    companyActive: "the active column of companies.csv",
  },
  create: createCsvConnector,
  // Files on the gateway's own disk or uploaded text: no network address.
  addressesOf: () => [],
} satisfies ConnectorDefinition<typeof csvSettingsSchema>;

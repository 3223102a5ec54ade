import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { PsaCompany, PsaContact, PsaProject, PsaProjectDetails } from "../types";
import { inScheduleOrder } from "../shared/project-details";
import { mapCsvCompany, mapCsvContact, mapCsvManager, mapCsvPhase, mapCsvProject } from "./mappers";
import { csvColumns, csvCompanyRowSchema, csvContactRowSchema, csvPhaseRowSchema, csvProjectRowSchema, type CsvFileKind } from "./raw-schemas";

export interface CsvFiles {
  companies: string;
  contacts: string;
  projects: string;
  /** Optional: without it, projects have no phases to show (their pages say so). */
  phases?: string;
}

export interface CsvPsaData {
  companies: PsaCompany[];
  contacts: PsaContact[];
  projects: PsaProject[];
  /** Each project's page details by its external id: the phases of phases.csv (null without that file) and the manager's contact. */
  details: ReadonlyMap<string, PsaProjectDetails>;
}

export interface CsvRowError {
  file: string;
  line: number;
  reason: string;
}

export type CsvParseResult = { ok: true; value: CsvPsaData } | { ok: false; errors: CsvRowError[] };

const parsedRecordSchema = z.object({ record: z.record(z.string(), z.string()), info: z.object({ lines: z.number().int() }) });
type Row = { line: number; cells: Record<string, string> };

export function formatCsvRowError(error: CsvRowError): string {
  return `${error.file} line ${error.line}: ${error.reason}`;
}

/** Splits one file into rows with their line numbers, collecting every malformed record instead of stopping at the first. */
function readRows(kind: CsvFileKind, text: string, errors: CsvRowError[]): Row[] {
  const file = `${kind}.csv`;
  const rows: Row[] = [];
  let raw: unknown[];
  try {
    raw = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        errors.push({ file, line: typeof error?.lines === "number" ? error.lines : 0, reason: error ? error.message : "unreadable record" });
        return undefined;
      },
    });
  } catch (error) {
    const lines = typeof error === "object" && error && "lines" in error && typeof error.lines === "number" ? error.lines : 1;
    errors.push({ file, line: lines, reason: error instanceof Error ? error.message : "the file could not be read as CSV" });
    return rows;
  }
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const header = firstLine.split(",").map((name) => name.trim().replace(/^"|"$/g, "").toLowerCase());
  const missing = csvColumns[kind].filter((column) => !header.includes(column));
  if (missing.length > 0) {
    errors.push({ file, line: 1, reason: `missing column(s) ${missing.join(", ")}` });
    return rows;
  }
  for (const item of raw) {
    const parsed = parsedRecordSchema.safeParse(item);
    if (!parsed.success) continue;
    const extraLines = Object.values(parsed.data.record).reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
    rows.push({ line: parsed.data.info.lines - extraLines, cells: parsed.data.record });
  }
  return rows;
}

function validateRows<S extends z.ZodType>(kind: CsvFileKind, rows: Row[], schema: S, errors: CsvRowError[]): Array<{ line: number; value: z.output<S> }> {
  const file = `${kind}.csv`;
  const valid: Array<{ line: number; value: z.output<S> }> = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const parsed = schema.safeParse(row.cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ file, line: row.line, reason: issue.message });
      continue;
    }
    const id = row.cells.external_id ?? "";
    const earlier = seen.get(id);
    if (earlier !== undefined) errors.push({ file, line: row.line, reason: `external_id '${id}' repeats line ${earlier}` });
    else seen.set(id, row.line);
    valid.push({ line: row.line, value: parsed.data });
  }
  return valid;
}

/**
 * Parses and checks the CSV files together: every bad row in every file is reported (file, line,
 * reason) and nothing is returned unless all of them are good, so an import is never half done.
 */
export function parseCsvPsa(files: CsvFiles): CsvParseResult {
  const errors: CsvRowError[] = [];
  const rawCompanies = readRows("companies", files.companies, errors);
  const companyRows = validateRows("companies", rawCompanies, csvCompanyRowSchema, errors);
  const contactRows = validateRows("contacts", readRows("contacts", files.contacts, errors), csvContactRowSchema, errors);
  const projectRows = validateRows("projects", readRows("projects", files.projects, errors), csvProjectRowSchema, errors);
  const phaseRows = files.phases === undefined ? null : validateRows("phases", readRows("phases", files.phases, errors), csvPhaseRowSchema, errors);

  // Ids from every company row, valid or not, so one bad company row is reported once, not again per contact.
  const companyIds = new Set(rawCompanies.map((row) => row.cells.external_id ?? ""));
  for (const row of contactRows) {
    for (const id of row.value.company_external_ids) {
      if (!companyIds.has(id)) errors.push({ file: "contacts.csv", line: row.line, reason: `company '${id}' is not in companies.csv` });
    }
  }
  for (const row of projectRows) {
    const id = row.value.company_external_id;
    if (!companyIds.has(id)) errors.push({ file: "projects.csv", line: row.line, reason: `company '${id}' is not in companies.csv` });
  }
  const projectIds = new Set(projectRows.map((row) => row.value.external_id));
  for (const row of phaseRows ?? []) {
    const id = row.value.project_external_id;
    if (!projectIds.has(id)) errors.push({ file: "phases.csv", line: row.line, reason: `project '${id}' is not in projects.csv` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const details = new Map<string, PsaProjectDetails>();
  for (const { value: row } of projectRows) {
    const phases = phaseRows?.filter((phase) => phase.value.project_external_id === row.external_id).map((phase) => mapCsvPhase(phase.value));
    details.set(row.external_id, { phases: phases ? inScheduleOrder(phases) : null, manager: mapCsvManager(row) });
  }
  return {
    ok: true,
    value: {
      companies: companyRows.map((row) => mapCsvCompany(row.value)),
      contacts: contactRows.map((row) => mapCsvContact(row.value)),
      projects: projectRows.map((row) => mapCsvProject(row.value)),
      details,
    },
  };
}

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { PsaResult } from "../types";
import { fail, succeed } from "../shared/result";
import { formatCsvRowError, parseCsvPsa, type CsvFiles, type CsvPsaData } from "./parse-csv-psa";
import type { CsvSettings } from "./settings";

const FILE_NAMES: ReadonlyArray<keyof CsvFiles> = ["companies", "contacts", "projects"];

/**
 * Where the CSV connector's data comes from (phases.csv is optional). A folder is re-read when any file's modification time or
 * size changes (the files are small; this keeps edits visible without a restart); uploaded text is parsed once.
 */
export function createCsvSource(settings: CsvSettings) {
  let cache: { key: string; result: PsaResult<CsvPsaData> } | null = null;

  function interpret(files: CsvFiles): PsaResult<CsvPsaData> {
    const parsed = parseCsvPsa(files);
    if (parsed.ok) return succeed(parsed.value);
    const first = parsed.errors[0];
    const count = parsed.errors.length;
    return fail("psa_unexpected_payload", `The CSV files have ${count} problem${count === 1 ? "" : "s"}; nothing was imported. ${parsed.errors.map(formatCsvRowError).join("; ")}.`, {
      detail: first ? `${first.file} line ${first.line}` : undefined,
    });
  }

  async function loadFolder(directory: string): Promise<PsaResult<CsvPsaData>> {
    const stamps: string[] = [];
    for (const name of FILE_NAMES) {
      try {
        const info = await stat(path.join(directory, `${name}.csv`));
        stamps.push(`${info.mtimeMs}:${info.size}`);
      } catch {
        return fail("psa_misconfigured", `${name}.csv was not found in the CSV folder ${directory}.`, { detail: "directory" });
      }
    }
    const phasesFile = path.join(directory, "phases.csv");
    const phasesInfo = await stat(phasesFile).catch(() => null);
    stamps.push(phasesInfo ? `${phasesInfo.mtimeMs}:${phasesInfo.size}` : "no phases");
    const key = stamps.join("|");
    if (cache?.key === key) return cache.result;
    const [companies, contacts, projects] = await Promise.all(FILE_NAMES.map((name) => readFile(path.join(directory, `${name}.csv`), "utf8")));
    const phases = phasesInfo ? await readFile(phasesFile, "utf8") : undefined;
    const result = interpret({ companies: companies ?? "", contacts: contacts ?? "", projects: projects ?? "", phases });
    cache = { key, result };
    return result;
  }

  return {
    async load(): Promise<PsaResult<CsvPsaData>> {
      if (settings.files) {
        if (!cache) cache = { key: "inline", result: interpret(settings.files) };
        return cache.result;
      }
      return loadFolder(settings.directory ?? ".");
    },
  };
}

import { z } from "zod";
import { labelled, listSettingsFields, operatorOnly } from "../shared/settings-fields";

/**
 * CSV settings: a folder on the gateway's disk holding companies.csv, contacts.csv and projects.csv, or
 * the three files' text as uploaded by an admin. Nothing here is secret.
 */
export const csvSettingsSchema = z
  .object({
    // A folder on the gateway's disk would let a firm's admin read files of the server's choosing: the console
    // uploads the files' text instead, and the folder (the demo's) is the operator's to set.
    directory: labelled(operatorOnly(z.string().trim().min(1, "must name a folder").optional()), {
      label: "Folder",
      help: "A folder on the gateway's server holding companies.csv, contacts.csv and projects.csv (see the CSV connector's README for the columns).",
    }),
    files: labelled(
      z
        .object({
          companies: labelled(z.string(), { label: "companies.csv", help: "A header row, then one client company a row: external_id, name, active (domains optional)." }),
          contacts: labelled(z.string(), { label: "contacts.csv", help: "One client contact a row: external_id, first_name, last_name, emails, company_external_ids, active, updated_at." }),
          projects: labelled(z.string(), { label: "projects.csv", help: "One project a row: external_id, company_external_id, name, status and the other columns the CSV README lists." }),
          phases: labelled(z.string().optional(), { label: "phases.csv", help: "Optional, one phase a row: external_id, project_external_id, name, start_date, end_date, state." }),
        })
        .optional(),
      { label: "Uploaded files", help: "companies.csv, contacts.csv and projects.csv exported from your records, uploaded together, and phases.csv if you keep project phases." },
    ),
  })
  .refine((value) => (value.directory === undefined) !== (value.files === undefined), {
    message: "give either a directory or the uploaded files, not both and not neither",
  });

export type CsvSettings = z.output<typeof csvSettingsSchema>;

export const csvSecretFields: readonly string[] = [];
export const csvFields = listSettingsFields(csvSettingsSchema);

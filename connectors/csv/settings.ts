import { z } from "zod";
import { labelled, listSettingsFields } from "../shared/settings-fields";

/**
 * CSV settings: a folder on the gateway's disk holding companies.csv, contacts.csv and projects.csv, or
 * the three files' text as uploaded by an admin. Nothing here is secret.
 */
export const csvSettingsSchema = z
  .object({
    directory: labelled(z.string().trim().min(1, "must name a folder").optional(), {
      label: "Folder",
      help: "A folder on the gateway's server holding companies.csv, contacts.csv and projects.csv (see the CSV connector's README for the columns).",
    }),
    files: labelled(
      z
        .object({
          companies: z.string({ error: "companies.csv text is required" }),
          contacts: z.string({ error: "contacts.csv text is required" }),
          projects: z.string({ error: "projects.csv text is required" }),
          phases: z.string().optional(),
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

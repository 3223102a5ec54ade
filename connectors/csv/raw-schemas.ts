import { z } from "zod";
import { parseVendorDate } from "../shared/dates";
import { looksLikeEmail, normalizeEmail } from "../shared/normalize-email";
import { webDomains } from "../shared/web-domains";

/**
 * Columns each file must have (README.md documents them, and the optional ones each file may add). Extra columns
 * are ignored. phases.csv is itself optional: without it the firm's projects have no schedule to show.
 */
export const csvColumns = {
  companies: ["external_id", "name", "active"],
  contacts: ["external_id", "first_name", "last_name", "emails", "company_external_ids", "active", "updated_at"],
  projects: ["external_id", "company_external_id", "name", "status", "phase", "manager", "start_date", "end_date", "budget", "percent_complete", "description", "active", "updated_at"],
  phases: ["external_id", "project_external_id", "name", "start_date", "end_date", "state"],
} as const;

export type CsvFileKind = keyof typeof csvColumns;

/** Each cell arrives as a trimmed string; these turn one into a typed value or an issue that reads as a sentence. */
const required = (column: string) => z.string().min(1, `${column} is empty`);
const optionalText = z.string().transform((value) => value || null);

const flag = (column: string) =>
  z.string().transform((value, ctx) => {
    const lowered = value.toLowerCase();
    if (["", "true", "yes", "y", "1"].includes(lowered)) return true;
    if (["false", "no", "n", "0"].includes(lowered)) return false;
    ctx.addIssue({ code: "custom", message: `${column} must be true or false, not '${value}'` });
    return z.NEVER;
  });

const dateCell = (column: string) =>
  z.string().transform((value, ctx) => {
    if (!value) return null;
    const valid = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? parseVendorDate(value.replace(" ", "T"), { assumeUtc: true }) : null;
    if (valid) return valid;
    ctx.addIssue({ code: "custom", message: `${column} '${value}' is not a date (use YYYY-MM-DD or an ISO date-time)` });
    return z.NEVER;
  });

const numberCell = (column: string, min: number, max: number) =>
  z.string().transform((value, ctx) => {
    if (!value) return null;
    const parsed = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isNaN(parsed) && parsed >= min && parsed <= max) return parsed;
    ctx.addIssue({ code: "custom", message: `${column} must be a number from ${min} to ${max}, not '${value}'` });
    return z.NEVER;
  });

const idList = z.string().transform((value) => [...new Set(value.split(";").map((part) => part.trim()).filter(Boolean))]);

const emailList = z.string().transform((value, ctx) => {
  const emails: string[] = [];
  for (const part of value.split(";").map((item) => item.trim()).filter(Boolean)) {
    const email = normalizeEmail(part);
    if (!looksLikeEmail(email)) ctx.addIssue({ code: "custom", message: `email '${part}' is not a valid address` });
    else if (!emails.includes(email)) emails.push(email);
  }
  return emails;
});

/** An optional cell: a column the file may leave out reads as an empty cell. */
const optional = <T>(cell: z.ZodType<T, string>) => z.string().optional().transform((value) => value ?? "").pipe(cell);

const phaseState = z.string().transform((value, ctx) => {
  const state = value.toLowerCase().replace(/[\s-]+/g, "_");
  if (state === "") return "unknown" as const;
  if (state === "done" || state === "in_progress" || state === "not_started") return state;
  ctx.addIssue({ code: "custom", message: `state must be done, in progress or not started (or empty), not '${value}'` });
  return z.NEVER;
});

/** Unlike `active`, an empty `milestone` cell means no: most phases are not milestones. */
const milestoneFlag = z.string().transform((value, ctx) => {
  const lowered = value.toLowerCase();
  if (["", "false", "no", "n", "0"].includes(lowered)) return false;
  if (["true", "yes", "y", "1"].includes(lowered)) return true;
  ctx.addIssue({ code: "custom", message: `milestone must be true or false, not '${value}'` });
  return z.NEVER;
});

const emailCell = (column: string) =>
  z.string().transform((value, ctx) => {
    if (!value) return null;
    const email = normalizeEmail(value);
    if (looksLikeEmail(email)) return email;
    ctx.addIssue({ code: "custom", message: `${column} '${value}' is not a valid address` });
    return z.NEVER;
  });

export const csvCompanyRowSchema = z.object({
  external_id: required("external_id"),
  name: required("name"),
  active: flag("active"),
  domains: optional(z.string().transform((value) => webDomains(value.split(";")))),
});

export const csvContactRowSchema = z.object({
  external_id: required("external_id"),
  first_name: optionalText,
  last_name: optionalText,
  emails: emailList,
  company_external_ids: idList,
  active: flag("active"),
  updated_at: dateCell("updated_at"),
});

export const csvProjectRowSchema = z.object({
  external_id: required("external_id"),
  company_external_id: required("company_external_id"),
  name: required("name"),
  status: optionalText,
  phase: optionalText,
  manager: optionalText,
  start_date: dateCell("start_date"),
  end_date: dateCell("end_date"),
  budget: numberCell("budget", 0, 1e12),
  percent_complete: numberCell("percent_complete", 0, 100),
  description: optionalText,
  active: flag("active"),
  updated_at: dateCell("updated_at"),
  manager_email: optional(emailCell("manager_email")),
  manager_phone: optional(optionalText),
  invoiced: optional(numberCell("invoiced", 0, 1e12)),
  hours_budget: optional(numberCell("hours_budget", 0, 1e9)),
  hours_used: optional(numberCell("hours_used", 0, 1e9)),
});

export const csvPhaseRowSchema = z.object({
  external_id: required("external_id"),
  project_external_id: required("project_external_id"),
  name: required("name"),
  start_date: dateCell("start_date"),
  end_date: dateCell("end_date"),
  state: phaseState,
  milestone: optional(milestoneFlag),
});

export type CsvCompanyRow = z.output<typeof csvCompanyRowSchema>;
export type CsvContactRow = z.output<typeof csvContactRowSchema>;
export type CsvProjectRow = z.output<typeof csvProjectRowSchema>;
export type CsvPhaseRow = z.output<typeof csvPhaseRowSchema>;

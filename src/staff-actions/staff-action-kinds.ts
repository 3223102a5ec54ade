import type { StaffAccount, StaffRole } from "../generated/prisma/client";

/**
 * Who acted on a firm from the console, the admin API or the CLI: the role decides what they may do, the label
 * is what the audit log shows (the staff member's email, the API token's name, "operator" at the CLI).
 */
export interface StaffActor {
  kind: "staff" | "api_token" | "operator" | "system";
  /** The staff account's or API token's id; null for an operator or the system. */
  id: string | null;
  label: string;
  role: StaffRole;
}

export const staffActor = (staff: Pick<StaffAccount, "id" | "email" | "role">): StaffActor => ({ kind: "staff", id: staff.id, label: staff.email, role: staff.role });

/** The operator at the gateway's CLI acts with an owner's rights on any firm (they can read the database anyway). */
export const operatorActor: StaffActor = { kind: "operator", id: null, label: "operator", role: "owner" };

/**
 * Everything the staff-action log records. Add a kind here (and its words in console/html/staff-action-words.ts)
 * before recording it.
 */
export const staffActionKinds = [
  "settings_changed",
  "firm_renamed",
  "slug_changed",
  "domain_added",
  "domain_removed",
  "logo_changed",
  "logo_removed",
  "client_invited",
  "client_access_off",
  "client_access_on",
  "client_template_changed",
  "client_unlocked",
  "client_link_sent",
  "staff_invited",
  "staff_role_changed",
  "staff_access_off",
  "staff_access_on",
  "template_default_changed",
  "template_fields_changed",
  "company_template_changed",
  "psa_connection_changed",
  "psa_webhook_created",
  "email_resent",
  "sync_run_started",
  "sync_run_applied",
  "sync_run_discarded",
  "flag_dismissed",
  "api_token_created",
  "api_token_revoked",
] as const;

export type StaffActionKind = (typeof staffActionKinds)[number];

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
  "client_signed_out",
  "client_link_sent",
  "client_previewed",
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

import type { StaffActionKind } from "../../staff-actions/staff-action-kinds";

/** The staff-action log's kinds in words, as owners read them on the Audit log page. */
export const staffActionWords: Record<StaffActionKind, string> = {
  settings_changed: "Changed a setting",
  firm_renamed: "Renamed the firm",
  slug_changed: "Changed the portal's address",
  domain_added: "Added a custom domain",
  domain_removed: "Removed a custom domain",
  logo_changed: "Changed the logo",
  logo_removed: "Removed the logo",
  client_invited: "Invited a client",
  client_access_off: "Turned a client's access off",
  client_access_on: "Turned a client's access back on",
  client_template_changed: "Changed a client's template",
  client_unlocked: "Unlocked a client's sign-in",
  client_signed_out: "Signed a client out everywhere",
  client_link_sent: "Sent a client a sign-in link",
  client_previewed: "Previewed a client's portal (read-only)",
  staff_invited: "Invited a colleague",
  staff_role_changed: "Changed a colleague's role",
  staff_access_off: "Turned a colleague's access off",
  staff_access_on: "Turned a colleague's access back on",
  template_default_changed: "Changed the default template",
  template_fields_changed: "Changed a template's fields",
  company_template_changed: "Changed a company's template",
  psa_connection_changed: "Changed the PSA connection",
  psa_webhook_created: "Created the PSA webhook address",
  email_resent: "Resent an email",
  sync_run_started: "Started a sync run",
  sync_run_applied: "Applied a held sync run",
  sync_run_discarded: "Discarded a held sync run",
  flag_dismissed: "Dismissed a flag",
  api_token_created: "Created an API token",
  api_token_revoked: "Revoked an API token",
};

export const actionInWords = (action: string): string => (staffActionWords as Record<string, string>)[action] ?? action;

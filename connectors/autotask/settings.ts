import { z } from "zod";
import { labelled, listSecretFields, listSettingsFields, secret } from "../shared/settings-fields";

/**
 * Autotask settings: an API-only user (its username is an email), its secret, and the API tracking
 * identifier (https://ww1.autotask.net/help/Content/4_Admin/1CompanySettings_Users/ResourcesUsersHR/Resources/API_Tracking_Identifier.htm).
 */
export const autotaskSettingsSchema = z.object({
  username: labelled(z.string().trim().regex(/^[^\s@]+@[^\s@]+$/, "must be the API user's username (an email address)"), {
    label: "API username",
    help: "Admin > Account Settings & Users > Resources/Users: the API user (security level \"API User (API-only)\"); its Username is an email address.",
  }),
  secret: labelled(secret(z.string().min(1, "is required")), {
    label: "API secret",
    help: "The password (Secret) set on the API user's Security tab; Autotask shows it only when it is generated.",
  }),
  integrationCode: labelled(secret(z.string().trim().min(1, "is required (the API tracking identifier)")), {
    label: "API tracking identifier",
    help: "On the API user's page, section API Tracking Identifier: choose Custom (Internal Integration) and copy the identifier Autotask generates.",
  }),
  /** Skips zone discovery, e.g. "https://webservices5.autotask.net/ATServicesRest/". */
  zoneUrl: labelled(
    z
      .string()
      .trim()
      .regex(/^https:\/\/[a-z0-9-]+\.autotask\.net\/ATServicesRest\/?$/i, "must look like https://webservices5.autotask.net/ATServicesRest/")
      .optional(),
    { label: "Zone address (optional)", help: "Found for you from the API username (Autotask's ZoneInformation), e.g. https://webservices5.autotask.net/ATServicesRest/." },
  ),
  impersonationResourceId: labelled(z.string().trim().regex(/^\d+$/, "must be a resource id (digits)").optional(), {
    label: "Impersonation resource ID (optional)",
    help: "Only if records should be read as another resource: that resource's id. Leave empty.",
  }),
  /**
   * Our share of the 10,000 requests an hour that every integration on the Autotask database shares
   * (https://autotask.net/help/developerhelp/content/apis/SOAP/General_Topics/SOAP_Thresholds_Limits.htm).
   */
  maxRequestsPerHour: labelled(z.number().int().min(100).max(10_000).default(5_000), {
    label: "Requests per hour",
    help: "This portal's share of the 10,000 API requests an hour that every integration on your Autotask database shares. Default 5,000.",
  }),
  /**
   * Labels for the tenant's project status picklist values, e.g. {"1": "New", "5": "Complete"}.
   * Picklists are tenant-defined; without a label the status reads "Status 5".
   */
  projectStatusLabels: labelled(z.record(z.string().regex(/^\d+$/), z.string().min(1)).default({}), {
    label: "Project status names (optional)",
    help: "JSON such as {\"1\": \"New\", \"5\": \"Complete\"}: the values of your project Status list (Admin > Features & Settings > Projects & Tasks > Project Statuses). Without it a status reads \"Status 5\".",
  }),
});

export type AutotaskSettings = z.output<typeof autotaskSettingsSchema>;

export const autotaskSecretFields = listSecretFields(autotaskSettingsSchema);
export const autotaskFields = listSettingsFields(autotaskSettingsSchema);

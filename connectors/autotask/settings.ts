import { z } from "zod";
import { listSecretFields, secret } from "../shared/settings-fields";

/**
 * Autotask settings: an API-only user (its username is an email), its secret, and the API tracking
 * identifier (https://ww1.autotask.net/help/Content/4_Admin/1CompanySettings_Users/ResourcesUsersHR/Resources/API_Tracking_Identifier.htm).
 */
export const autotaskSettingsSchema = z.object({
  username: z.string().trim().regex(/^[^\s@]+@[^\s@]+$/, "must be the API user's username (an email address)"),
  secret: secret(z.string().min(1, "is required")),
  integrationCode: secret(z.string().trim().min(1, "is required (the API tracking identifier)")),
  /** Skips zone discovery, e.g. "https://webservices5.autotask.net/ATServicesRest/". */
  zoneUrl: z
    .string()
    .trim()
    .regex(/^https:\/\/[a-z0-9-]+\.autotask\.net\/ATServicesRest\/?$/i, "must look like https://webservices5.autotask.net/ATServicesRest/")
    .optional(),
  impersonationResourceId: z.string().trim().regex(/^\d+$/, "must be a resource id (digits)").optional(),
  /**
   * Our share of the 10,000 requests an hour that every integration on the Autotask database shares
   * (https://autotask.net/help/developerhelp/content/apis/SOAP/General_Topics/SOAP_Thresholds_Limits.htm).
   */
  maxRequestsPerHour: z.number().int().min(100).max(10_000).default(5_000),
  /**
   * Labels for the tenant's project status picklist values, e.g. {"1": "New", "5": "Complete"}.
   * Picklists are tenant-defined; without a label the status reads "Status 5".
   */
  projectStatusLabels: z.record(z.string().regex(/^\d+$/), z.string().min(1)).default({}),
});

export type AutotaskSettings = z.output<typeof autotaskSettingsSchema>;

export const autotaskSecretFields = listSecretFields(autotaskSettingsSchema);

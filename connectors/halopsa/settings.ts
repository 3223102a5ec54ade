import { z } from "zod";
import { listSecretFields, secret } from "../shared/settings-fields";

/**
 * HaloPSA settings: an API application with "Client ID and Secret (Services)" under Configuration >
 * Integrations > Halo API, bound to an API agent (NangoHQ/nango docs/api-integrations/halo-psa/connect.mdx).
 */
export const halopsaSettingsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .transform((value) => value.replace(/\/+$/, "").replace(/\/api$/i, ""))
    .pipe(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i, "must be the https address of the Halo instance, e.g. https://acme.halopsa.com")),
  clientId: z.string().trim().min(1, "is required"),
  clientSecret: secret(z.string().min(1, "is required")),
  /** Hosted (non-cloud) instances name a tenant on the token request. */
  tenant: z.string().trim().min(1).optional(),
  scope: z.string().trim().min(1).default("all"),
  /** The authorisation server when it is not {baseUrl}/auth (GET /api/authinfo tells). */
  authUrl: z
    .string()
    .trim()
    .regex(/^https:\/\/\S+$/i, "must be an https URL")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
});

export type HalopsaSettings = z.output<typeof halopsaSettingsSchema>;

export const halopsaSecretFields = listSecretFields(halopsaSettingsSchema);

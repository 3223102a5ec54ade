import { z } from "zod";
import { listSecretFields, secret } from "../shared/settings-fields";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ConnectWise PSA settings. `site` is the API host: cloud sites must use the `api-` prefix
 * (api-na.myconnectwise.net, api-eu..., api-au...) or ConnectWise answers "SSL is required"
 * (ConnectWise PSA Developer Guide "Authentication", [CW-DG] in shared/psa/vendor-apis.md).
 */
export const connectwiseSettingsSchema = z.object({
  site: z
    .string()
    .trim()
    .transform((value) => value.replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, "must be a host name such as api-na.myconnectwise.net")),
  codebase: z.string().trim().regex(/^[A-Za-z0-9_]+$/, "must look like v4_6_release or v2025_1").default("v4_6_release"),
  companyId: z.string().trim().min(1, "is required (the company id you sign in to ConnectWise with)"),
  publicKey: z.string().trim().min(1, "is required"),
  privateKey: secret(z.string().trim().min(1, "is required")),
  clientId: z.string().trim().regex(GUID, "must be the GUID registered at developer.connectwise.com"),
  /** Optional model pinning, e.g. "2025.1", sent in the Accept header. */
  apiVersion: z.string().trim().regex(/^\d{4}\.\d{1,2}$/, "must look like 2025.1").optional(),
});

export type ConnectwiseSettings = z.output<typeof connectwiseSettingsSchema>;

export const connectwiseSecretFields = listSecretFields(connectwiseSettingsSchema);

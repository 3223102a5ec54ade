import { z } from "zod";
import { labelled, listSecretFields, listSettingsFields, secret } from "../shared/settings-fields";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ConnectWise's cloud domains; their sign-in hosts (na., eu., au., staging.) answer the API only with "api-" in front. */
const CLOUD_DOMAIN = /^([a-z0-9-]+)\.(myconnectwise\.net|connectwisedev\.com)$/;

/**
 * A cloud host without the api- prefix answers `{"code":"Security","message":"SSL is required."}` (ConnectWise
 * PSA Developer Guide "Authentication", [CW-DG] in docs/reference/vendor-apis.md §1.1); say so and what to type.
 */
export function describeCloudHostProblem(site: string): string | null {
  const match = CLOUD_DOMAIN.exec(site.replace(/:\d+$/, ""));
  if (!match || match[1]?.startsWith("api-")) return null;
  return `is a ConnectWise sign-in address; ConnectWise cloud answers the API only at the "api-" host (otherwise it says "SSL is required"): type api-${match[1]}.${match[2]}`;
}

/** "https://na.myconnectwise.net/" → "na.myconnectwise.net": the host (and port) only, lower case. */
export function normalizeSite(value: string): string {
  return value.trim().replace(/^https?:\/\//i, "").replace(/\/.*$/, "").toLowerCase();
}

/**
 * ConnectWise PSA settings. Labels and help quote where ConnectWise shows each value (Developer Guide
 * "Authentication", "ClientIds"; System > Members > API Members for the keys).
 */
export const connectwiseSettingsSchema = z.object({
  site: labelled(
    z
      .string()
      .transform(normalizeSite)
      .pipe(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, "must be a host name such as api-na.myconnectwise.net"))
      .superRefine((site, context) => {
        const problem = describeCloudHostProblem(site);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
    {
      label: "Site (API address)",
      help: "The address you sign in to ConnectWise PSA at, with api- in front for ConnectWise cloud: na.myconnectwise.net becomes api-na.myconnectwise.net (likewise api-eu, api-au). On-premises: your server's host name.",
    },
  ),
  codebase: labelled(
    z
      .string()
      .trim()
      .transform((value) => value.replace(/\/+$/, ""))
      .pipe(z.string().regex(/^[A-Za-z0-9_]+$/, "must look like v4_6_release or v2025_1"))
      .default("v4_6_release"),
    {
      label: "Codebase",
      help: "Found for you from your site (https://SITE/login/companyinfo/COMPANY answers Codebase, e.g. v2025_1/). On-premises servers use v4_6_release.",
    },
  ),
  companyId: labelled(z.string().trim().min(1, "is required (the company id you sign in to ConnectWise with)"), {
    label: "Company ID",
    help: "The Company field of the ConnectWise PSA sign-in page (your company's ConnectWise id, not its name).",
  }),
  publicKey: labelled(z.string().trim().min(1, "is required"), {
    label: "Public key",
    help: "System > Members > API Members > your API member > API Keys: create a key; ConnectWise shows its public and private key.",
  }),
  privateKey: labelled(secret(z.string().trim().min(1, "is required")), {
    label: "Private key",
    help: "Shown once, beside the public key, when the key is created under System > Members > API Members > API Keys.",
  }),
  clientId: labelled(z.string().trim().regex(GUID, "must be the GUID registered at developer.connectwise.com"), {
    label: "Client ID",
    help: "The clientId of your integration, a GUID you register at developer.connectwise.com (ClientId tab); ConnectWise requires it on every API call.",
  }),
  /** Optional model pinning, e.g. "2025.1", sent in the Accept header. */
  apiVersion: labelled(z.string().trim().regex(/^\d{4}\.\d{1,2}$/, "must look like 2025.1").optional(), {
    label: "API version (optional)",
    help: "Pins the ConnectWise model version, such as 2025.1. Leave empty for the current version.",
  }),
});

export type ConnectwiseSettings = z.output<typeof connectwiseSettingsSchema>;

export const connectwiseSecretFields = listSecretFields(connectwiseSettingsSchema);
export const connectwiseFields = listSettingsFields(connectwiseSettingsSchema);

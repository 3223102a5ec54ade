import { z } from "zod";
import { labelled, listSecretFields, listSettingsFields, secret } from "../shared/settings-fields";

/** Halo's own cloud domains: an authorisation server named by /api/authinfo may live on another host under these. */
export const HALO_CLOUD_DOMAINS = ["halopsa.com", "haloitsm.com", "haloservicedesk.com"] as const;

const onHaloCloud = (host: string) => HALO_CLOUD_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));

/**
 * Where a token may be asked for: the firm's own Halo host, or a host on Halo's cloud domains, at the root or
 * /auth, over https on the default port. Anything else would send the client secret to an address an admin
 * typed (issue 14, finding 1).
 */
export function describeAuthUrlProblem(authUrl: string, baseUrl: string): string | null {
  let auth: URL;
  let base: URL;
  try {
    auth = new URL(authUrl);
    base = new URL(baseUrl);
  } catch {
    return "must be an https URL";
  }
  if (auth.protocol !== "https:" || auth.username || auth.password || auth.search || auth.hash) return "must be a plain https URL such as https://acme.halopsa.com/auth";
  if (!/^(\/auth)?$/i.test(auth.pathname.replace(/\/+$/, ""))) return "must end at the host or at /auth, such as https://acme.halopsa.com/auth";
  const sameHost = auth.host === base.host;
  if (!sameHost && !(auth.port === "" && onHaloCloud(auth.hostname) && onHaloCloud(base.hostname))) {
    return `must be on your Halo host (${base.host}) or on Halo's own cloud (${HALO_CLOUD_DOMAINS.join(", ")})`;
  }
  return null;
}

/**
 * HaloPSA settings: an API application with "Client ID and Secret (Services)" under Configuration >
 * Integrations > Halo API, bound to an API agent (NangoHQ/nango docs/api-integrations/halo-psa/connect.mdx).
 */
export const halopsaSettingsSchema = z
  .object({
    baseUrl: labelled(
      z
        .string()
        .trim()
        .transform((value) => value.replace(/\/+$/, "").replace(/\/api$/i, ""))
        .pipe(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i, "must be the https address of the Halo instance, e.g. https://acme.halopsa.com")),
      { label: "Halo address", help: "The address you sign in to Halo at, such as https://acme.halopsa.com." },
    ),
    clientId: labelled(z.string().trim().min(1, "is required"), {
      label: "Client ID",
      help: "Configuration > Integrations > Halo API > View Applications > your application (Authentication Method \"Client ID and Secret (Services)\"): Client ID.",
    }),
    clientSecret: labelled(secret(z.string().min(1, "is required")), {
      label: "Client secret",
      help: "Shown once on the same application page, under Client Secret, when the application is created.",
    }),
    /** Hosted (non-cloud) instances name a tenant on the token request. */
    tenant: labelled(z.string().trim().min(1).optional(), {
      label: "Tenant (hosted Halo only)",
      help: "Found for you from your Halo address (/api/authinfo answers tenant_id). Leave empty unless Halo hosts several tenants on your address.",
    }),
    scope: labelled(z.string().trim().min(1).default("all"), {
      label: "Scope",
      help: "The permissions asked for; the application's Permissions tab must grant them. Default all (read-only scopes such as read:customers read:projects also work).",
    }),
    /** The authorisation server when it is not {baseUrl}/auth (GET /api/authinfo tells). */
    authUrl: labelled(
      z
        .string()
        .trim()
        .regex(/^https:\/\/\S+$/i, "must be an https URL")
        .transform((value) => value.replace(/\/+$/, ""))
        .optional(),
      { label: "Authorisation server (optional)", help: "Found for you from your Halo address (/api/authinfo answers auth_url). Leave empty to use YOUR-HALO-ADDRESS/auth." },
    ),
  })
  .superRefine((settings, context) => {
    const problem = settings.authUrl ? describeAuthUrlProblem(settings.authUrl, settings.baseUrl) : null;
    if (problem) context.addIssue({ code: "custom", path: ["authUrl"], message: problem });
  });

export type HalopsaSettings = z.output<typeof halopsaSettingsSchema>;

export const halopsaSecretFields = listSecretFields(halopsaSettingsSchema);
export const halopsaFields = listSettingsFields(halopsaSettingsSchema);

import { z } from "zod";
import type { PsaResult } from "../types";
import type { Discovery, ResolvedDeps } from "../shared/deps";
import { describeBlockedHost, describeUnreachable } from "../shared/errors";
import { createPsaHttp } from "../shared/http-client";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import { halopsaVendor } from "./client";
import { describeAuthUrlProblem } from "./settings";

const inputSchema = z.object({ baseUrl: z.string().trim().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?\/?(api\/?)?$/i) });

/** GET {baseUrl}/api/authinfo → {"auth_url": "...", "tenant_id": "..."} (homotechsual/HaloAPI Public/Connect-HaloAPI.ps1). */
const authInfoSchema = z.looseObject({ auth_url: z.string().nullish(), tenant_id: z.string().nullish() });

/**
 * Finds the authorisation server and tenant from the Halo address, as Halo's PowerShell client does before it
 * asks for a token. The auth server must stay on the firm's Halo host or Halo's cloud (describeAuthUrlProblem).
 */
export async function discoverHalopsa(partial: Record<string, unknown>, deps: ResolvedDeps): Promise<PsaResult<Discovery>> {
  const input = inputSchema.safeParse(partial);
  if (!input.success) return fail("psa_misconfigured", "Type the Halo address (such as https://acme.halopsa.com) first; the rest is then found for you.", { detail: "baseUrl" });
  const baseUrl = input.data.baseUrl.replace(/\/+$/, "").replace(/\/api$/i, "");
  const host = new URL(baseUrl).host;
  const vendor = halopsaVendor({ clientSecret: "" });
  const verdict = await deps.hostGuard.checkHost(host);
  if (!verdict.allowed) return { ok: false, error: verdict.reason === "internal_address" ? describeBlockedHost(vendor, host) : { ...describeUnreachable(vendor, host), detail: "baseUrl" } };

  const http = createPsaHttp({ vendor, deps, resilienceKey: `halopsa-discovery:${host}`, maxConcurrent: 1, budget: null });
  const response = await http.send({ method: "GET", url: `${baseUrl}/api/AuthInfo`, operation: "find the authorisation server" });
  if (!response.ok) return forward(response);
  const parsed = parsePayload(authInfoSchema, response.value.data, vendor.label, "authorisation information");
  if (!parsed.ok) return forward(parsed);
  const settings: Record<string, unknown> = { baseUrl };
  const notes: string[] = [];
  const authUrl = parsed.value.auth_url?.trim().replace(/\/+$/, "");
  if (authUrl && authUrl.toLowerCase() !== `${baseUrl}/auth`.toLowerCase()) {
    const problem = describeAuthUrlProblem(authUrl, baseUrl);
    if (problem) return fail("psa_unexpected_payload", `HaloPSA at ${host} named an authorisation server that ${problem}; refusing to send the client secret there.`, { detail: "authUrl" });
    settings.authUrl = authUrl;
    notes.push(`HaloPSA at ${host} issues tokens at ${authUrl}.`);
  } else {
    notes.push(`HaloPSA at ${host} issues tokens at ${baseUrl}/auth.`);
  }
  if (parsed.value.tenant_id?.trim()) {
    settings.tenant = parsed.value.tenant_id.trim();
    notes.push(`Its tenant is ${settings.tenant}.`);
  }
  return succeed({ settings, notes });
}

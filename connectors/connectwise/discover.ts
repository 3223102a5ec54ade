import { z } from "zod";
import type { PsaResult } from "../types";
import type { Discovery, ResolvedDeps } from "../shared/deps";
import { describeBlockedHost, describeUnreachable } from "../shared/errors";
import { createPsaHttp } from "../shared/http-client";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import { connectwiseVendor } from "./client";
import { cwCompanyInfoSchema } from "./raw-schemas";
import { describeCloudHostProblem, normalizeSite } from "./settings";

const inputSchema = z.object({ site: z.string().min(1), companyId: z.string().trim().min(1) });

/**
 * Finds the codebase from the site and company id: GET https://{site}/login/companyinfo/{companyId} answers
 * {"Codebase":"v2025_1/","IsCloud":"True",...} without credentials (Developer Guide "Calling Company Info";
 * pyconnectwise `_try_get_codebase_from_api`). The trailing slash is dropped to fit the codebase setting.
 */
export async function discoverConnectwise(partial: Record<string, unknown>, deps: ResolvedDeps): Promise<PsaResult<Discovery>> {
  const input = inputSchema.safeParse(partial);
  if (!input.success) return fail("psa_misconfigured", "Type the site and the company id first; the codebase is then found for you.", { detail: "site, companyId" });
  const site = normalizeSite(input.data.site);
  const vendor = connectwiseVendor({ privateKey: "" });
  const cloudProblem = describeCloudHostProblem(site);
  if (cloudProblem) return fail("psa_misconfigured", `Site (API address) ${site} ${cloudProblem}.`, { detail: "site" });
  const verdict = await deps.hostGuard.checkHost(site);
  if (!verdict.allowed) return { ok: false, error: verdict.reason === "internal_address" ? describeBlockedHost(vendor, site) : { ...describeUnreachable(vendor, site), detail: "site" } };

  const http = createPsaHttp({ vendor, deps, resilienceKey: `connectwise-discovery:${site}`, maxConcurrent: 1, budget: null });
  const url = `https://${site}/login/companyinfo/${encodeURIComponent(input.data.companyId)}`;
  const response = await http.send({ method: "GET", url, operation: "find the codebase", acceptStatuses: [404] });
  if (!response.ok) return forward(response);
  const parsed = response.value.status === 404 || response.value.data === null ? null : parsePayload(cwCompanyInfoSchema, response.value.data, vendor.label, "company information");
  if (!parsed?.ok) {
    return fail("psa_misconfigured", `ConnectWise PSA at ${site} does not know the company id "${input.data.companyId}". Check the Company field of your ConnectWise sign-in page.`, { detail: "companyId" });
  }
  const codebase = parsed.value.Codebase.trim().replace(/\/+$/, "");
  if (!/^[A-Za-z0-9_]+$/.test(codebase)) return fail("psa_unexpected_payload", `ConnectWise PSA at ${site} named a codebase that does not look like v2025_1; type it yourself.`, { detail: "codebase" });
  const cloud = String(parsed.value.IsCloud ?? "").toLowerCase() === "true";
  return succeed({ settings: { site, codebase }, notes: [`ConnectWise PSA at ${site} runs codebase ${codebase}${cloud ? " (ConnectWise cloud)" : ""}.`] });
}

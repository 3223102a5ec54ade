import { z } from "zod";
import type { PsaResult } from "../types";
import type { Discovery, ResolvedDeps } from "../shared/deps";
import { createPsaHttp } from "../shared/http-client";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import { AUTOTASK_ZONE_LOOKUP_URL, autotaskVendor } from "./client";
import { atZoneSchema } from "./raw-schemas";

const inputSchema = z.object({ username: z.string().trim().regex(/^[^\s@]+@[^\s@]+$/) });

/**
 * Finds the zone from the API username alone: GET .../V1.0/ZoneInformation?user={username} needs no credentials
 * (django-autotask api.py `get_zone_info`) and answers HTTP 500 for an unknown username.
 */
export async function discoverAutotask(partial: Record<string, unknown>, deps: ResolvedDeps): Promise<PsaResult<Discovery>> {
  const input = inputSchema.safeParse(partial);
  if (!input.success) return fail("psa_misconfigured", "Type the API username (an email address) first; the zone is then found for you.", { detail: "username" });
  const vendor = autotaskVendor({ secret: "", integrationCode: "" });
  const http = createPsaHttp({ vendor, deps, resilienceKey: "autotask-discovery", maxConcurrent: 1, budget: null });
  const response = await http.send({ method: "GET", url: AUTOTASK_ZONE_LOOKUP_URL, query: { user: input.data.username }, operation: "find the Autotask zone", acceptStatuses: [500] });
  if (!response.ok) return forward(response);
  if (response.value.status === 500) return fail("psa_credentials_rejected", `Autotask found no zone for the API username "${input.data.username}". Check the username of the API-only user.`, { detail: "username" });
  const parsed = parsePayload(atZoneSchema, response.value.data, vendor.label, "zone information");
  if (!parsed.ok) return forward(parsed);
  const zoneUrl = `${parsed.value.url.replace(/\/+$/, "")}/`;
  if (!/^https:\/\/[a-z0-9-]+\.autotask\.net\/ATServicesRest\/$/i.test(zoneUrl)) {
    return fail("psa_unexpected_payload", "Autotask returned a zone address that is not an autotask.net https URL; refusing to use it.", { detail: "url" });
  }
  return succeed({ settings: { zoneUrl }, notes: [`The API user ${input.data.username} is in Autotask ${parsed.value.zoneName ?? "zone"} (${zoneUrl}).`] });
}

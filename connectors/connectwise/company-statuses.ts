import type { PsaResult } from "../types";
import type { ResolvedDeps } from "../shared/deps";
import { parsePayload } from "../shared/parse-payload";
import { forward, succeed } from "../shared/result";
import type { ConnectwiseClient } from "./client";
import { cwCompanyStatusListSchema } from "./raw-schemas";

/** Company statuses change rarely (an admin edits the setup table); one read per connector every ten minutes. */
export const STATUS_CACHE_MS = 10 * 60_000;

/**
 * Which company status ids are inactive (CompanyStatus.inactiveFlag), read with one call for all statuses:
 * GET /company/companies/statuses?fields=id,name,inactiveFlag. Concurrent callers share one request.
 * When the API member's security role may not read the statuses (403) or the server lacks the endpoint (404),
 * the connector keeps working on `deletedFlag` alone and says so in the log once per cache period: an upgrade
 * must not turn a working portal off. Outages fail the call like any other PSA outage.
 */
export function createCompanyStatusCache(client: ConnectwiseClient, deps: ResolvedDeps) {
  let cached: { at: number; inactive: ReadonlySet<number> | null } | null = null;
  let inflight: Promise<PsaResult<ReadonlySet<number> | null>> | null = null;

  async function load(): Promise<PsaResult<ReadonlySet<number> | null>> {
    const query = { fields: "id,name,inactiveFlag", pageSize: 1000 };
    const response = await client.get("/company/companies/statuses", "read company statuses", query, [403, 404]);
    if (!response.ok) return forward(response);
    const at = deps.now().getTime();
    if (response.value.status === 403 || response.value.status === 404) {
      deps.logger.warn(
        { connector: client.vendor.label, status: response.value.status },
        "ConnectWise company statuses could not be read (the API member's security role needs Company Maintenance); inactive company statuses are not applied",
      );
      cached = { at, inactive: null };
      return succeed(null);
    }
    const parsed = parsePayload(cwCompanyStatusListSchema, response.value.data, client.vendor.label, "company statuses");
    if (!parsed.ok) return forward(parsed);
    const inactive = new Set(parsed.value.filter((status) => status.inactiveFlag === true).map((status) => status.id));
    cached = { at, inactive };
    return succeed(inactive);
  }

  return {
    inactiveStatusIds(): Promise<PsaResult<ReadonlySet<number> | null>> {
      if (cached && deps.now().getTime() - cached.at < STATUS_CACHE_MS) return Promise.resolve(succeed(cached.inactive));
      inflight ??= load().finally(() => {
        inflight = null;
      });
      return inflight;
    },
  };
}

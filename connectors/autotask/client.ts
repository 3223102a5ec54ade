import { z } from "zod";
import type { Page, PsaResult } from "../types";
import type { ResolvedDeps } from "../shared/deps";
import type { VendorProfile } from "../shared/errors";
import { createPsaHttp, type PsaRequest } from "../shared/http-client";
import { decodeCursor, encodeCursor, isSameHost } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import { atZoneSchema, queryResultSchema } from "./raw-schemas";
import type { AutotaskSettings } from "./settings";

/** Zone discovery host (vendor-apis.md §2.1; path as in the vendor Swagger, /V1.0/ZoneInformation). */
export const AUTOTASK_ZONE_LOOKUP_URL = "https://webservices.autotask.net/ATServicesRest/V1.0/ZoneInformation";
/** MaxRecords 1–500 (REST_Advanced_Query_Features.htm; pageDetails.requestCount 500). */
export const AUTOTASK_MAX_PAGE_SIZE = 500;

const entities = ["Contacts", "Companies", "Projects", "Phases", "Tasks"] as const;
export type AutotaskEntity = (typeof entities)[number];
/** Filter.value "can be either an Integer, String, Boolean, an Array of Integers, or an Array of Strings" (vendor Swagger). */
export interface AutotaskFilter {
  op: string;
  field?: string;
  value?: string | number | boolean | number[];
  items?: AutotaskFilter[];
}
/** QueryModel: maxRecords, includeFields (only these fields come back), filter (vendor Swagger). */
export interface AutotaskQuery {
  maxRecords: number;
  includeFields?: readonly string[];
  filter: AutotaskFilter[];
}

const filterSchema: z.ZodType<AutotaskFilter> = z.lazy(() =>
  z.object({ op: z.string(), field: z.string().optional(), value: z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]).optional(), items: z.array(filterSchema).optional() }),
);
const cursorSchema = z.object({
  entity: z.enum(entities),
  next: z.string().url(),
  query: z.object({ maxRecords: z.number().int(), includeFields: z.array(z.string()).optional(), filter: z.array(filterSchema) }),
});

/** "Unable to find projectID in the TimeEntry Entity": Autotask's HTTP 500 for a query on an unknown or unqueryable field (WYRE-AI/autotask-mcp#282). */
const UNKNOWN_FIELD = /Unable to find ([A-Za-z0-9_.]+) in the ([A-Za-z0-9_]+) Entity/i;

export function autotaskVendor(settings: Pick<AutotaskSettings, "secret" | "integrationCode">): VendorProfile {
  return {
    label: "Autotask",
    addressField: "zoneUrl",
    secrets: [settings.secret, settings.integrationCode],
    // Retrying such a query only burns the database's hourly request budget, and it is not an outage.
    classifyFailure(status, vendorMessage, operation) {
      const match = status === 500 && vendorMessage ? UNKNOWN_FIELD.exec(vendorMessage) : null;
      if (!match?.[1]) return null;
      return {
        code: "psa_misconfigured",
        message: `Autotask cannot query the field "${match[1]}" of its ${match[2]} entity for "${operation}": the field is unknown or not queryable on this Autotask database. This is a version or setup problem, not an outage, so the call was not retried; report the field name to the gateway's maintainers.`,
        detail: match[1],
      };
    },
    describeAuthFailure(status, vendorMessage) {
      if (vendorMessage && /integration\s*code|tracking identifier/i.test(vendorMessage)) {
        return { message: "Autotask rejected the API tracking identifier (ApiIntegrationCode)", detail: "integrationCode" };
      }
      if (status === 403) {
        return { message: "Autotask accepted the API user, but its security level does not allow this call", detail: "username" };
      }
      return { message: "Autotask rejected the API user's credentials (UserName, Secret or API tracking identifier)", detail: "username, secret, integrationCode" };
    },
  };
}

export function createAutotaskClient(settings: AutotaskSettings, deps: ResolvedDeps) {
  const vendor = autotaskVendor(settings);
  // Every call carries the three headers (vendor Swagger: required header parameters on each operation).
  const headers: Record<string, string> = {
    ApiIntegrationCode: settings.integrationCode,
    UserName: settings.username,
    Secret: settings.secret,
    ...(settings.impersonationResourceId ? { ImpersonationResourceId: settings.impersonationResourceId } : {}),
  };
  // 3 concurrent threads per tracking identifier and endpoint (ThreadLimiting.htm); an hourly share of
  // the database's 10,000-request budget.
  const http = createPsaHttp({
    vendor,
    deps,
    resilienceKey: `autotask:${settings.username.toLowerCase()}`,
    maxConcurrent: 3,
    budget: { maxRequests: settings.maxRequestsPerHour, windowMs: 3_600_000 },
  });
  let zone: { baseUrl: string; zoneName: string } | null = settings.zoneUrl
    ? { baseUrl: `${settings.zoneUrl.replace(/\/+$/, "")}/V1.0/`, zoneName: new URL(settings.zoneUrl).host }
    : null;

  const send = (request: Omit<PsaRequest, "headers">) => http.send({ ...request, headers });

  // GET /V1.0/ZoneInformation?user=… → {url: "https://webservicesN.autotask.net/ATServicesRest/"}; cached.
  // Autotask answers 500 for an unknown username (django-autotask api.py get_zone_info), so 500 is not retried.
  async function resolveZone(): Promise<PsaResult<{ baseUrl: string; zoneName: string }>> {
    if (zone) return succeed(zone);
    const response = await send({ method: "GET", url: AUTOTASK_ZONE_LOOKUP_URL, query: { user: settings.username }, operation: "find the Autotask zone", acceptStatuses: [500] });
    if (!response.ok) return forward(response);
    if (response.value.status === 500) {
      return fail("psa_credentials_rejected", `Autotask found no zone for the API username "${settings.username}" (it answers HTTP 500 for unknown usernames). Check the username; if it is right, Autotask may be down.`, { detail: "username" });
    }
    const parsed = parsePayload(atZoneSchema, response.value.data, vendor.label, "zone information");
    if (!parsed.ok) return forward(parsed);
    const url = parsed.value.url.replace(/\/+$/, "");
    if (!/^https:\/\/[a-z0-9-]+\.autotask\.net\//i.test(`${url}/`)) {
      return fail("psa_unexpected_payload", "Autotask returned a zone address that is not an autotask.net https URL; refusing to send credentials there.", { detail: "url" });
    }
    zone = { baseUrl: `${url}/V1.0/`, zoneName: parsed.value.zoneName ?? new URL(url).host };
    return succeed(zone);
  }

  async function get(path: string, operation: string, acceptStatuses?: number[]) {
    const resolved = await resolveZone();
    if (!resolved.ok) return forward<never>(resolved);
    return send({ method: "GET", url: `${resolved.value.baseUrl}${path}`, operation, acceptStatuses });
  }

  /**
   * POST /V1.0/{Entity}/query, then POST pageDetails.nextPageUrl with the same body (a GET answers 405,
   * WYRE-AI/autotask-mcp#170), and only when it is on the zone's host (go-autotask auth_test.go).
   */
  async function queryPage<S extends z.ZodType>(entity: AutotaskEntity, query: AutotaskQuery, cursor: string | null | undefined, itemSchema: S, what: string): Promise<PsaResult<Page<z.output<S>>>> {
    const resolved = await resolveZone();
    if (!resolved.ok) return forward(resolved);
    let url = `${resolved.value.baseUrl}${entity}/query`;
    let body = query;
    if (cursor) {
      const decoded = decodeCursor(cursor, cursorSchema, vendor.label);
      if (!decoded.ok) return forward(decoded);
      if (decoded.value.entity !== entity || !isSameHost(decoded.value.next, resolved.value.baseUrl)) {
        return fail("psa_misconfigured", `This cursor does not belong to this Autotask ${what} listing; restart the listing without a cursor.`, { detail: "cursor" });
      }
      url = decoded.value.next;
      body = decoded.value.query;
    }
    const response = await send({ method: "POST", url, json: body, operation: `list ${what}` });
    if (!response.ok) return forward(response);
    const parsed = parsePayload(queryResultSchema(itemSchema), response.value.data, vendor.label, what);
    if (!parsed.ok) return forward(parsed);
    const next = parsed.value.pageDetails?.nextPageUrl;
    if (next && !isSameHost(next, resolved.value.baseUrl)) {
      return fail("psa_unexpected_payload", "Autotask pointed the next page at another host; refusing to send credentials there.", { detail: "pageDetails.nextPageUrl" });
    }
    const items = parsed.value.items as Array<z.output<S>>;
    return succeed({ items, nextCursor: next && items.length > 0 ? encodeCursor({ entity, next, query: body }) : null });
  }

  return { vendor, resolveZone, get, queryPage };
}

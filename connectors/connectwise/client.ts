import { z } from "zod";
import type { Page, PsaResult } from "../types";
import type { ResolvedDeps } from "../shared/deps";
import type { VendorProfile } from "../shared/errors";
import { createPsaHttp, type QueryValue } from "../shared/http-client";
import { decodeCursor, encodeCursor, parseLinkHeader } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import type { ConnectwiseSettings } from "./settings";

/**
 * ConnectWise PSA transport: Basic auth "companyId+publicKey:privateKey" plus the clientId header on
 * every call (ConnectWise PSA Developer Guide, "Authentication" and
 * "ClientIds"; copy cited as [CW-DG] in docs/reference/vendor-apis.md), base https://{site}/{codebase}/apis/3.0.
 */
export const CONNECTWISE_MAX_PAGE_SIZE = 1000;

const resourceSchema = z.enum(["/company/contacts", "/company/companies", "/project/projects"]);
export type ConnectwiseResource = z.output<typeof resourceSchema>;
const cursorSchema = z.object({ resource: resourceSchema, query: z.string().startsWith("?") });

export function connectwiseVendor(settings: Pick<ConnectwiseSettings, "privateKey">): VendorProfile {
  return {
    label: "ConnectWise PSA",
    addressField: "site",
    secrets: [settings.privateKey],
    describeAuthFailure(status, vendorMessage) {
      if (vendorMessage && /client\s*id/i.test(vendorMessage)) {
        return { message: "ConnectWise PSA rejected the clientId header; check the Client ID registered at developer.connectwise.com", detail: "clientId" };
      }
      if (status === 403) {
        return { message: "ConnectWise PSA accepted the API keys, but the API member's security role does not allow this call", detail: "publicKey" };
      }
      return { message: "ConnectWise PSA rejected the API keys (public/private key or company id)", detail: "companyId, publicKey, privateKey" };
    },
  };
}

export function createConnectwiseClient(settings: ConnectwiseSettings, deps: ResolvedDeps) {
  const vendor = connectwiseVendor(settings);
  const baseUrl = `https://${settings.site}/${settings.codebase}/apis/3.0`;
  const basic = Buffer.from(`${settings.companyId}+${settings.publicKey}:${settings.privateKey}`, "utf8").toString("base64");
  const headers = {
    Authorization: `Basic ${basic}`,
    clientId: settings.clientId,
    Accept: settings.apiVersion ? `application/vnd.connectwise.com+json; version=${settings.apiVersion}` : "application/json",
  };
  // ConnectWise limits dynamically ("over 1,000 requests per minute ... will likely experience rate limiting",
  // Developer Guide "Rate Limiting"): stay below that and keep a handful of calls in flight.
  const http = createPsaHttp({
    vendor,
    deps,
    resilienceKey: `connectwise:${settings.site}:${settings.companyId.toLowerCase()}`,
    maxConcurrent: 4,
    budget: { maxRequests: 900, windowMs: 60_000 },
  });

  function get(path: string, operation: string, query?: Record<string, QueryValue | undefined>, acceptStatuses?: number[]) {
    return http.send({ method: "GET", url: `${baseUrl}${path}`, query, headers, operation, acceptStatuses });
  }

  /**
   * One page of a list endpoint. The next page comes from the Link header (Developer Guide "Pagination");
   * only its query string is kept, so credentials never follow a link to another host and the server's own
   * encoding of `conditions` is reused unchanged (a lost `conditions` once restarted syncs from the start,
   * pyconnectwise#14).
   */
  async function getPage<T>(
    resource: ConnectwiseResource,
    firstQuery: Record<string, QueryValue | undefined>,
    cursor: string | null | undefined,
    schema: z.ZodType<T[]>,
    what: string,
  ): Promise<PsaResult<Page<T>>> {
    let path: string = resource;
    let query: Record<string, QueryValue | undefined> | undefined = firstQuery;
    if (cursor) {
      const decoded = decodeCursor(cursor, cursorSchema, vendor.label);
      if (!decoded.ok) return forward(decoded);
      if (decoded.value.resource !== resource) return fail("psa_misconfigured", `This cursor belongs to another ${vendor.label} listing; restart the listing without a cursor.`, { detail: "cursor" });
      path = `${resource}${decoded.value.query}`;
      query = undefined;
    }
    const response = await get(path, `list ${what}`, query);
    if (!response.ok) return forward(response);
    const parsed = parsePayload(schema, response.value.data, vendor.label, what);
    if (!parsed.ok) return forward(parsed);
    const next = parseLinkHeader(response.value.headers.link).next;
    const nextQuery = next && parsed.value.length > 0 ? new URL(next, baseUrl).search : "";
    return succeed({ items: parsed.value, nextCursor: nextQuery ? encodeCursor({ resource, query: nextQuery }) : null });
  }

  return { vendor, baseUrl, get, getPage };
}

export type ConnectwiseClient = ReturnType<typeof createConnectwiseClient>;

import { z } from "zod";
import type { Page, PsaResult } from "../types";
import type { ResolvedDeps } from "../shared/deps";
import { describeHttpFailure, extractVendorMessage, type VendorProfile } from "../shared/errors";
import { createPsaHttp, type PsaResponse, type QueryValue } from "../shared/http-client";
import { decodeCursor, encodeCursor } from "../shared/pagination";
import { parsePayload } from "../shared/parse-payload";
import { fail, forward, succeed } from "../shared/result";
import { haloTokenSchema } from "./raw-schemas";
import type { HalopsaSettings } from "./settings";

/** `page_size` "Maximum size: 100" on /Projects (vendor document); used for every listing. */
export const HALO_MAX_PAGE_SIZE = 100;
/** Refresh a token this long before it expires, so a call never leaves with a token about to die. */
const TOKEN_EARLY_REFRESH_MS = 60_000;

export type HaloResource = "Users" | "Client" | "Projects";
const cursorSchema = z.object({ resource: z.enum(["Users", "Client", "Projects"]), page: z.number().int().min(2), query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) });

export function halopsaVendor(settings: Pick<HalopsaSettings, "clientSecret">): VendorProfile {
  return {
    label: "HaloPSA",
    addressField: "baseUrl",
    secrets: [settings.clientSecret],
    describeAuthFailure(status) {
      if (status === 403) {
        return { message: "HaloPSA accepted the API application, but its scope or its agent's permissions do not allow this call", detail: "scope" };
      }
      return { message: "HaloPSA rejected the API application's access (client id or secret)", detail: "clientId, clientSecret" };
    },
  };
}

export function createHalopsaClient(settings: HalopsaSettings, deps: ResolvedDeps) {
  const vendor = halopsaVendor(settings);
  // Hosted Halo was seen throttling at 300 requests per rolling 5 minutes (HaloAPI#31): stay under it.
  const http = createPsaHttp({ vendor, deps, resilienceKey: `halopsa:${settings.baseUrl.toLowerCase()}`, maxConcurrent: 2, budget: { maxRequests: 250, windowMs: 300_000 } });
  const tokenUrl = `${settings.authUrl ?? `${settings.baseUrl}/auth`}/token`;
  let cached: { token: string; expiresAt: number } | null = null;

  // POST {auth}/token, form-encoded client credentials (homotechsual/HaloAPI Connect-HaloAPI.ps1).
  async function fetchToken(): Promise<PsaResult<string>> {
    const form: Record<string, string> = { grant_type: "client_credentials", client_id: settings.clientId, client_secret: settings.clientSecret, scope: settings.scope };
    const response = await http.send({ method: "POST", url: tokenUrl, query: { tenant: settings.tenant }, form, operation: "get an access token", acceptStatuses: [400, 401] });
    if (!response.ok) return forward(response);
    if (response.value.status === 400 || response.value.status === 401) {
      const reason = extractVendorMessage(response.value.data) ?? "";
      if (/scope/i.test(reason)) return fail("psa_credentials_rejected", `HaloPSA refused the requested scope "${settings.scope}" for this API application.`, { detail: "scope" });
      return fail("psa_credentials_rejected", "HaloPSA rejected the client id or client secret of the API application.", { detail: "clientId, clientSecret" });
    }
    const parsed = parsePayload(haloTokenSchema, response.value.data, vendor.label, "an access token");
    if (!parsed.ok) return forward(parsed);
    const lifetimeMs = (parsed.value.expires_in ?? 3600) * 1000;
    cached = { token: parsed.value.access_token, expiresAt: deps.now().getTime() + lifetimeMs };
    return succeed(parsed.value.access_token);
  }

  async function obtainToken(): Promise<PsaResult<string>> {
    if (cached && deps.now().getTime() < cached.expiresAt - TOKEN_EARLY_REFRESH_MS) return succeed(cached.token);
    return fetchToken();
  }

  /** GET /api/{path} with a Bearer token; on 401 the token is fetched again once (it may have been revoked). */
  async function get(path: string, query: Record<string, QueryValue | undefined>, operation: string, acceptStatuses: number[] = []): Promise<PsaResult<PsaResponse>> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = attempt === 0 ? await obtainToken() : await fetchToken();
      if (!token.ok) return forward(token);
      const response = await http.send({ method: "GET", url: `${settings.baseUrl}/api/${path}`, query, headers: { Authorization: `Bearer ${token.value}` }, operation, acceptStatuses: [401, ...acceptStatuses] });
      if (!response.ok || response.value.status !== 401) return response;
      cached = null;
    }
    return { ok: false, error: describeHttpFailure(vendor, operation, { kind: "status", status: 401, body: null, retryAfterMs: null }, new URL(settings.baseUrl).host) };
  }

  /** One page: pageinate=true&page_size&page_no (1-based); the last page is reached at record_count (HaloAPI New-HaloGETRequest.ps1). */
  async function getPage<S extends z.ZodType, T>(
    resource: HaloResource,
    firstQuery: Record<string, QueryValue>,
    cursor: string | null | undefined,
    schema: S,
    pick: (payload: z.output<S>) => { records: T[]; total: number | null },
    what: string,
  ): Promise<PsaResult<Page<T>>> {
    let page = 1;
    let query = firstQuery;
    if (cursor) {
      const decoded = decodeCursor(cursor, cursorSchema, vendor.label);
      if (!decoded.ok) return forward(decoded);
      if (decoded.value.resource !== resource) return fail("psa_misconfigured", `This cursor belongs to another ${vendor.label} listing; restart the listing without a cursor.`, { detail: "cursor" });
      page = decoded.value.page;
      query = decoded.value.query;
    }
    const pageSize = Number(query.page_size ?? HALO_MAX_PAGE_SIZE);
    const response = await get(resource, { ...query, pageinate: true, page_no: page }, `list ${what}`);
    if (!response.ok) return forward(response);
    const parsed = parsePayload(schema, response.value.data, vendor.label, what);
    if (!parsed.ok) return forward(parsed);
    const { records, total } = pick(parsed.value);
    const more = records.length > 0 && (total === null ? records.length >= pageSize : page * pageSize < total);
    return succeed({ items: records, nextCursor: more ? encodeCursor({ resource, page: page + 1, query }) : null });
  }

  return { vendor, get, getPage, obtainToken };
}

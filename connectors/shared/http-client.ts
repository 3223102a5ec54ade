import http from "node:http";
import https from "node:https";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import type { PsaResult } from "../types";
import type { ResolvedDeps } from "./deps";
import { describeBlockedHost, describeHttpFailure, describeUnreachable, describeWait, extractVendorMessage, type HttpFailure, type VendorProfile } from "./errors";
import { BLOCKED_ADDRESS_CODE, type HostVerdict } from "./host-guard";
import { obtainResilience } from "./resilience-store";
import { fail, succeed } from "./result";
import { computeBackoffMs, isRetryableStatus, parseRetryAfterMs } from "./retry-policy";

export type QueryValue = string | number | boolean;

export interface PsaRequest {
  method: "GET" | "POST";
  /** Absolute URL; `query` is appended with every value percent-encoded (a "+" in an email becomes %2B). */
  url: string;
  query?: Record<string, QueryValue | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Names the call in messages and logs, e.g. "list contacts". */
  operation: string;
  /** Statuses the caller handles itself (e.g. 404 for "not found", 401 to refresh a token). */
  acceptStatuses?: readonly number[];
}

export interface PsaResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or null for an empty body. */
  data: unknown;
}

export interface PsaHttp {
  send(request: PsaRequest): Promise<PsaResult<PsaResponse>>;
}

export interface PsaHttpOptions {
  vendor: VendorProfile;
  deps: ResolvedDeps;
  /** Identifies the PSA account whose breaker, budget and concurrency cap this client shares. */
  resilienceKey: string;
  maxConcurrent: number;
  budget: { maxRequests: number; windowMs: number } | null;
}

type Attempt = { kind: "response"; response: PsaResponse; rawBody: string } | HttpFailure;

export function buildUrl(url: string, query: Record<string, QueryValue | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, QueryValue] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  if (pairs.length === 0) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${pairs.join("&")}`;
}

function flattenHeaders(response: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

function parseJson(raw: string): { ok: true; data: unknown } | { ok: false } {
  if (raw.trim() === "") return { ok: true, data: null };
  try {
    return { ok: true, data: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

interface Transport {
  client: AxiosInstance;
  agents: { httpAgent: http.Agent; httpsAgent: https.Agent };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function attemptOnce(transport: Transport, request: PsaRequest, timeoutMs: number, now: Date): Promise<Attempt> {
  const headers: Record<string, string> = { Accept: "application/json", ...request.headers };
  let data: string | undefined;
  if (request.form) {
    data = new URLSearchParams(request.form).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (request.json !== undefined) {
    data = JSON.stringify(request.json);
    headers["Content-Type"] = "application/json";
  }
  try {
    const response = await transport.client.request<string>({
      ...transport.agents,
      method: request.method,
      url: buildUrl(request.url, request.query),
      headers,
      data,
      timeout: timeoutMs,
      responseType: "text",
      transformResponse: [(body: unknown) => body],
      validateStatus: () => true,
      maxRedirects: 0,
    });
    const rawBody = typeof response.data === "string" ? response.data : "";
    const flatHeaders = flattenHeaders(response);
    if (response.status >= 400 && !(request.acceptStatuses ?? []).includes(response.status)) {
      const parsed = parseJson(rawBody);
      return {
        kind: "status",
        status: response.status,
        body: parsed.ok ? parsed.data : rawBody,
        retryAfterMs: parseRetryAfterMs(flatHeaders["retry-after"], now),
      };
    }
    return { kind: "response", response: { status: response.status, headers: flatHeaders, data: null }, rawBody };
  } catch (error) {
    const code = axios.isAxiosError(error) ? (error.code ?? "network error") : "network error";
    if (code === "ETIMEDOUT" || code === "ECONNABORTED") return { kind: "timeout", timeoutMs };
    return { kind: "network", code };
  }
}

/**
 * The one way connectors talk HTTP: a timeout on every call, retries with backoff and jitter on network
 * errors, timeouts, 5xx and 429 (honouring Retry-After), a concurrency cap, a request budget and a
 * circuit breaker. Expected failures come back as PsaError values, never as exceptions.
 */
export function createPsaHttp(options: PsaHttpOptions): PsaHttp {
  const { vendor, deps } = options;
  // The guarded agents go on every request, also through an axios instance the host passes in, so the address
  // a connection is actually made to is checked at connect time (a DNS answer can change after any pre-check).
  const lookup = deps.hostGuard.lookup;
  const transport: Transport = {
    client: deps.http ?? axios.create({ transitional: { clarifyTimeoutError: true } }),
    agents: { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }) },
  };
  const shared = obtainResilience(deps.resilienceStore, options.resilienceKey, {
    now: deps.now,
    failureThreshold: deps.circuit.failureThreshold,
    openMs: deps.circuit.openMs,
    maxConcurrent: options.maxConcurrent,
    budget: options.budget,
    onCircuitChange: (state) => deps.logger.info({ connector: vendor.label, circuit: state }, `PSA circuit ${state}`),
  });

  const background = deps.priority === "background";

  async function send(request: PsaRequest): Promise<PsaResult<PsaResponse>> {
    const call = { timedOut: false };
    const result = await sendWithRetries(request, call);
    deps.onCall({ ok: result.ok, code: result.ok ? null : result.error.code, timedOut: call.timedOut });
    return result;
  }

  async function sendWithRetries(request: PsaRequest, call: { timedOut: boolean }): Promise<PsaResult<PsaResponse>> {
    const host = hostOf(request.url);
    // An address in any numeric notation is refused before anything else (Node does not call `lookup` for one).
    const literal: HostVerdict | null = deps.hostGuard.checkLiteral(host);
    if (literal && !literal.allowed) return { ok: false, error: literal.reason === "invalid_host" ? describeUnreachable(vendor, host) : describeBlockedHost(vendor, host) };
    const gate = shared.breaker.tryAcquire();
    if (!gate.allowed) {
      return fail("psa_circuit_open", `${vendor.label} failed repeatedly, so calls are paused; the next try is in about ${describeWait(gate.retryAfterMs)}.`, { retryAfterMs: gate.retryAfterMs });
    }
    for (let attempt = 0; ; attempt += 1) {
      const spend = shared.budget ? shared.budget.take(background ? { background: deps.backgroundShare } : undefined) : { ok: true as const };
      if (!spend.ok) {
        shared.breaker.recordNeutral();
        const whose = background ? "background work's share of " : "";
        return fail("psa_rate_limited", `This connection has used ${whose}its request budget for ${vendor.label}; try again in about ${describeWait(spend.retryAfterMs)}.`, { retryAfterMs: spend.retryAfterMs });
      }
      const outcome = await shared.limit.run(() => attemptOnce(transport, request, deps.timeoutMs, deps.now()), deps.priority);
      if (outcome.kind === "response") {
        shared.breaker.recordSuccess();
        const parsed = parseJson(outcome.rawBody);
        if (!parsed.ok) return fail("psa_unexpected_payload", `${vendor.label} answered "${request.operation}" with a body that is not JSON.`, { detail: "body" });
        return succeed({ ...outcome.response, data: parsed.data });
      }
      const settled = settleWithoutRetry(outcome);
      if (settled) {
        shared.breaker.recordNeutral();
        return { ok: false, error: settled };
      }
      const retryable = outcome.kind !== "status" || isRetryableStatus(outcome.status);
      if (retryable && attempt < deps.maxRetries) {
        const hinted = outcome.kind === "status" ? outcome.retryAfterMs : null;
        const waitMs = hinted ?? computeBackoffMs(attempt, deps.random);
        if (waitMs <= deps.maxRetryWaitMs) {
          deps.logger.warn(
            { connector: vendor.label, operation: request.operation, attempt: attempt + 1, status: outcome.kind === "status" ? outcome.status : outcome.kind, waitMs },
            "PSA call failed; retrying",
          );
          await deps.sleep(waitMs);
          continue;
        }
      }
      call.timedOut = outcome.kind === "timeout";
      const isOutage = outcome.kind !== "status" || outcome.status >= 500;
      if (isOutage) shared.breaker.recordFailure();
      else shared.breaker.recordNeutral();
      return { ok: false, error: describeHttpFailure(vendor, request.operation, outcome, host) };
    }

    /** Failures that are settings problems, not outages: never retried, never counted by the circuit breaker. */
    function settleWithoutRetry(outcome: HttpFailure) {
      if (outcome.kind === "network" && outcome.code === BLOCKED_ADDRESS_CODE) return describeBlockedHost(vendor, host);
      if (outcome.kind !== "status") return null;
      return vendor.classifyFailure?.(outcome.status, extractVendorMessage(outcome.body), request.operation) ?? null;
    }
  }

  return { send };
}

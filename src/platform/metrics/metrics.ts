import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/*
 * The gateway's Prometheus metrics (prom-client), served by GET /metrics on the metrics port (metrics-server.ts).
 * One registry per process, held here as prom-client intends: a counter is incremented where the thing happens
 * (a sign-in recorded, an email sent) without threading a metrics object through every use-case, and a test reads
 * the registry's text. Labels never carry a firm's data: no slug, no email, no id, only the route pattern, the
 * connector kind and fixed outcome and reason codes.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "gateway_process_" });

export const httpRequests = new Counter({
  name: "gateway_http_requests_total",
  help: "HTTP requests answered, by method, route pattern (never the raw URL) and status class",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "gateway_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by method and route pattern",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export type PsaCallOutcome = "ok" | "timeout" | "rate_limited" | "circuit_open" | "error";

export const psaCalls = new Counter({
  name: "gateway_psa_calls_total",
  help: "Calls to a PSA's API (after retries), by connector and outcome: ok, timeout, rate_limited, circuit_open, error",
  labelNames: ["connector", "outcome"] as const,
  registers: [registry],
});

export type CompanyLookupOutcome = "hit" | "miss" | "stale" | "unavailable";

export const companyLookups = new Counter({
  name: "gateway_company_lookups_total",
  help: "Company resolutions: hit (fresh cache), miss (asked the PSA), stale (last known answer or snapshot served), unavailable",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const signIns = new Counter({
  name: "gateway_sign_in_events_total",
  help: "Sign-in trail events by reason code (success, fail_password, fail_locked, magic_link_claim...)",
  labelNames: ["reason"] as const,
  registers: [registry],
});

export const lockouts = new Counter({
  name: "gateway_lockouts_total",
  help: "Sign-in lockouts started: an email (per firm) or an IP address that reached its failure limit",
  labelNames: ["kind"] as const,
  registers: [registry],
});

export const emails = new Counter({
  name: "gateway_emails_total",
  help: "Emails by what happened to them: sent, failed (an attempt failed; it may be retried), cancelled",
  labelNames: ["status"] as const,
  registers: [registry],
});

export type SyncRunOutcome = "succeeded" | "failed" | "skipped";

/** Incremented where a PSA sync run ends (src/psa/), by its outcome. */
export const syncRuns = new Counter({
  name: "gateway_sync_runs_total",
  help: "PSA sync runs by outcome",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

/** A PSA call's report (connectors' onCall) as a metrics outcome: the error codes folded into the five the metric has. */
export function psaOutcomeOf(call: { ok: boolean; code: string | null; timedOut: boolean }): PsaCallOutcome {
  if (call.ok) return "ok";
  if (call.timedOut) return "timeout";
  if (call.code === "psa_rate_limited") return "rate_limited";
  if (call.code === "psa_circuit_open") return "circuit_open";
  return "error";
}

import type { AxiosInstance } from "axios";
import type { z } from "zod";
import type { SettingsField } from "./settings-fields";
import type { HostGuard, PrivateHostAllowance, ResolveHost } from "./host-guard";
import type { PsaConnector, PsaRecordFields, PsaResult, PsaWebhooks } from "../types";
import type { ResilienceStore } from "./resilience-store";

/** Structured logger the gateway passes in (pino-compatible). Connectors never log secrets or payloads. */
export interface ConnectorLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

/**
 * Everything a connector needs from its host, passed as an argument so connectors stay free of src/.
 * All fields are optional; `resolveDeps` fills in production defaults.
 */
export interface ConnectorDeps {
  /** An axios instance to send requests through (e.g. one with the gateway's proxy/agent). One is created if absent. */
  http?: AxiosInstance;
  now?: () => Date;
  /** Waits between retries; tests inject a resolved promise so backoff costs no time. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  logger?: ConnectorLogger;
  /** Per-request timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, timeouts, 5xx and 429. Default 3. */
  maxRetries?: number;
  /** A Retry-After (or backoff) longer than this is not slept through: the call returns psa_rate_limited. Default 10 s. */
  maxRetryWaitMs?: number;
  /** Consecutive failed calls that open the circuit, and how long it stays open. Defaults 5 and 30 s. */
  circuit?: { failureThreshold?: number; openMs?: number };
  /**
   * Where circuit breakers, request budgets and concurrency caps live, keyed per PSA account. Pass one
   * process-wide store so connectors re-created for the same PSA share them; by default each connector has its own.
   */
  resilienceStore?: ResilienceStore;
  /**
   * PSA hosts on private or internal networks the operator allows (config PSA_ALLOW_PRIVATE_HOSTS): `true` for
   * all, or host names, addresses and CIDR ranges. Default: none, so loopback, RFC 1918, link-local (cloud
   * metadata) and other internal addresses are refused before connecting and again at connect time.
   */
  allowPrivateHosts?: PrivateHostAllowance;
  /** DNS resolution (every A/AAAA address of a name). Injectable so tests need no network. Default: dns.lookup. */
  resolveHost?: ResolveHost;
  /** Relative paths in settings (the CSV connector's folder) are resolved against this. Default: the working directory. */
  baseDirectory?: string;
  /**
   * Whose requests these are: a page load's ("interactive", the default) or background work's (the sync). Background
   * requests wait behind page loads for a connection slot and spend at most `backgroundShare` of the request budget.
   */
  priority?: "interactive" | "background";
  /** The share (0 to 1) of each PSA request budget background requests may spend. Default 0.5. */
  backgroundShare?: number;
  /**
   * Told once per call to the PSA's API, after its retries: whether it worked, the error code if not, and whether
   * the last attempt timed out. The gateway counts these for its metrics; connectors never import the gateway.
   */
  onCall?: (call: PsaCallReport) => void;
}

export interface PsaCallReport {
  ok: boolean;
  code: string | null;
  timedOut: boolean;
}

export type ResolvedDeps = Required<Omit<ConnectorDeps, "http" | "circuit" | "allowPrivateHosts" | "resolveHost">> & {
  http: AxiosInstance | null;
  circuit: { failureThreshold: number; openMs: number };
  /** Checks every PSA address before and at connect time (built from allowPrivateHosts and resolveHost). */
  hostGuard: HostGuard;
};

/** Settings a connector found for the admin from what they typed so far, and sentences saying what it found. */
export interface Discovery {
  settings: Record<string, unknown>;
  notes: string[];
}

/** A host a connector will connect to, and the settings field it comes from. */
export interface SettingsAddress {
  field: string;
  host: string;
}

/** What the registry knows about one connector kind. */
export interface ConnectorDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly kind: string;
  /** Shown in the admin UI. */
  readonly label: string;
  readonly settingsSchema: TSchema;
  /** Top-level settings fields that are secrets: encrypted at rest and masked in API output. */
  readonly secretFields: readonly string[];
  /**
   * Every settings field in form order, for a form builder that names no vendor: label and help text (parts of a group
   * too), and whether it is secret, required or set only by the operator. Derived from the schema's marks.
   */
  readonly fields: readonly SettingsField[];
  /** Where staff edit a contact's emails, state and company in this PSA, in the PSA's own words. */
  readonly recordFields: PsaRecordFields;
  /** Present when the PSA posts changes to the gateway (types.ts, PsaWebhooks). */
  readonly webhooks?: PsaWebhooks;
  create(settings: z.output<TSchema>, deps: ResolvedDeps): PsaConnector;
  /**
   * Fills in settings the PSA can tell from what the admin typed so far (ConnectWise codebase, HaloPSA auth
   * server and tenant, Autotask zone). Absent when there is nothing to find.
   */
  discover?(partialSettings: Record<string, unknown>, deps: ResolvedDeps): Promise<PsaResult<Discovery>>;
  /** The hosts these settings make the connector call, checked against private networks before saving. */
  addressesOf(settings: z.output<TSchema>): SettingsAddress[];
}

import axios from "axios";
import type { Firm } from "../generated/prisma/client";
import type { Logger } from "../platform/logger";
import type { Prisma } from "../platform/db/prisma";
import { checkConnectorAddresses, connectorDefinitions, createConnector, discoverConnectorSettings, isConnectorKind } from "../../connectors/registry";
import type { ConnectorDeps, Discovery, PrivateHostAllowance, ResilienceStore, ResolveHost } from "../../connectors/registry";
import { decryptSecret, encryptSecret } from "../../connectors/shared/secrets";
import type { PsaConnector, PsaResult } from "../../connectors/types";
import { psaCalls, psaOutcomeOf } from "../platform/metrics/metrics";

export interface FirmConnectors {
  /**
   * The firm's connector, built once per version of its settings (it holds the circuit breaker state). Page loads
   * use the default; the sync asks for "background", whose requests wait behind page loads for a connection and
   * spend only the sync's share of the PSA's request budget (both share one breaker, budget and cap per PSA).
   */
  forFirm(firm: Firm, priority?: "interactive" | "background"): PsaResult<PsaConnector>;
  /**
   * The gateway is stopping: calls in flight are aborted, retry waits end, and no further request leaves the
   * process. Callers get their usual "PSA unavailable" answer rather than hanging on a retry schedule.
   */
  close(): void;
  /** The firm's stored settings with secrets decrypted, for server-side use only (never rendered or returned). */
  storedSettings(firm: Firm): Record<string, unknown> | null;
  /** One secret value encrypted for storing (a webhook signing secret), and read back. */
  sealSecret(value: string): string;
  openSecret(sealed: string): string;
  /** Split and encrypt settings for storing on the Firm row. */
  seal(kind: string, settings: Record<string, unknown>): { connectorSettings: Prisma.InputJsonObject; connectorSecrets: string | null };
  /**
   * A connector over settings not saved yet ("Test connection" before saving). It has its own circuit breaker, so a
   * failing draft never pauses the firm's working connection.
   */
  forDraft(kind: string, settings: Record<string, unknown>): PsaResult<PsaConnector>;
  /** Every host the settings name, resolved and refused when private or internal (unless the operator allowed it). */
  checkAddresses(kind: string, settings: Record<string, unknown>): Promise<PsaResult<{ checked: string[] }>>;
  /** What the PSA can tell from what the admin typed so far (a codebase, an auth server, a zone). */
  discover(kind: string, partial: Record<string, unknown>): Promise<PsaResult<Discovery>>;
}

export interface FirmConnectorsOptions {
  secretsKey: Buffer;
  logger: Logger;
  projectRoot: string;
  timeoutMs: number;
  now?: () => number;
  /** PSA_ALLOW_PRIVATE_HOSTS: private PSA hosts the operator allows (an on-premises ConnectWise). */
  allowPrivateHosts?: PrivateHostAllowance;
  /** DNS resolution of PSA hosts; tests inject one so that address checks need no network. */
  resolveHost?: ResolveHost;
  /** The share (0 to 1) of each PSA's request budget the sync may spend (SYNC_PSA_SHARE_PERCENT). */
  backgroundShare?: number;
}

/**
 * Builds each firm's PSA connector from its stored settings: non-secret fields in Firm.connectorSettings,
 * secret fields AES-256-GCM encrypted in Firm.connectorSecrets. Relative paths in settings are resolved against
 * the project (`baseDirectory`), so the demo firm's `config/demo-psa` works from any working directory.
 */
export function createFirmConnectors(options: FirmConnectorsOptions): FirmConnectors {
  const built = new Map<string, { version: string; result: PsaResult<PsaConnector> }>();
  const resilienceStore: ResilienceStore = new Map();
  const logger = options.logger.child({ module: "psa" });

  // One HTTP client and one sleep for every connector, so that close() reaches every call and every wait.
  const stopping = new AbortController();
  const http = axios.create({ transitional: { clarifyTimeoutError: true }, signal: stopping.signal });
  http.interceptors.request.use((config) => {
    if (stopping.signal.aborted) throw new Error("the gateway is stopping: PSA request not sent");
    return config;
  });
  const waking = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        waking.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      waking.add(wake);
    });

  function storedSettings(firm: Firm): Record<string, unknown> | null {
    if (!firm.connectorKind) return null;
    const settings: Record<string, unknown> = { ...((firm.connectorSettings as Record<string, unknown> | null) ?? {}) };
    if (firm.connectorSecrets) Object.assign(settings, JSON.parse(decryptSecret(firm.connectorSecrets, options.secretsKey)) as Record<string, unknown>);
    return settings;
  }

  /** The same deps for every connector the gateway builds: one HTTP client, one sleep, the operator's address allowance. */
  function depsFor(firm: Pick<Firm, "id" | "connectorKind"> | null, store: ResilienceStore): ConnectorDeps {
    const fields = firm ? { firmId: firm.id } : {};
    return {
      // A draft (the console's form) is tried once: an admin waits for the answer, and a retry would not change it.
      // A firm's calls are counted for /metrics; a draft's are the console's, not the portal's.
      ...(firm ? { onCall: (call) => psaCalls.inc({ connector: firm.connectorKind ?? "none", outcome: psaOutcomeOf(call) }) } : { maxRetries: 0 }),
      baseDirectory: options.projectRoot,
      timeoutMs: options.timeoutMs,
      http,
      sleep,
      resilienceStore: store,
      allowPrivateHosts: options.allowPrivateHosts,
      resolveHost: options.resolveHost,
      now: () => new Date((options.now ?? Date.now)()),
      logger: { warn: (obj, msg) => logger.warn({ ...fields, ...obj }, msg), info: (obj, msg) => logger.info({ ...fields, ...obj }, msg) },
    };
  }

  return {
    storedSettings,
    seal: (kind, settings) => sealConnectorSettings(kind, settings, options.secretsKey),
    sealSecret: (value) => encryptSecret(value, options.secretsKey),
    openSecret: (sealed) => decryptSecret(sealed, options.secretsKey),
    forDraft: (kind, settings) => createConnector(kind, settings, depsFor(null, new Map())),
    checkAddresses: (kind, settings) => checkConnectorAddresses(kind, settings, depsFor(null, new Map())),
    discover: (kind, partial) => discoverConnectorSettings(kind, partial, depsFor(null, new Map())),
    close() {
      stopping.abort();
      for (const wake of [...waking]) wake();
    },
    forFirm(firm, priority = "interactive") {
      const version = firm.updatedAt.toISOString();
      const key = `${firm.id}:${priority}`;
      const cached = built.get(key);
      if (cached?.version === version) return cached.result;
      const result = build(firm, priority);
      built.set(key, { version, result });
      return result;
    },
  };

  function build(firm: Firm, priority: "interactive" | "background"): PsaResult<PsaConnector> {
    if (!firm.connectorKind || !isConnectorKind(firm.connectorKind)) {
      return { ok: false, error: { code: "psa_misconfigured", message: `${firm.name} has no PSA connection set up yet.` } };
    }
    return createConnector(firm.connectorKind, storedSettings(firm) ?? {}, { ...depsFor(firm, resilienceStore), priority, backgroundShare: options.backgroundShare });
  }
}

/** Split settings into what is stored in the clear and the encrypted blob of the connector's secret fields. */
export function sealConnectorSettings(kind: string, settings: Record<string, unknown>, secretsKey: Buffer): { connectorSettings: Prisma.InputJsonObject; connectorSecrets: string | null } {
  const secretFields = isConnectorKind(kind) ? connectorDefinitions[kind].secretFields : [];
  const clear: Record<string, Prisma.InputJsonValue> = {};
  const secret: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (secretFields.includes(key)) secret[key] = value;
    else clear[key] = value as Prisma.InputJsonValue;
  }
  return {
    connectorSettings: clear,
    connectorSecrets: Object.keys(secret).length ? encryptSecret(JSON.stringify(secret), secretsKey) : null,
  };
}

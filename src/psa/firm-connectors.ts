import axios from "axios";
import type { Firm } from "../generated/prisma/client";
import type { Logger } from "../platform/logger";
import type { Prisma } from "../platform/db/prisma";
import { connectorDefinitions, createConnector, isConnectorKind } from "../../connectors/registry";
import type { ResilienceStore } from "../../connectors/registry";
import { decryptSecret, encryptSecret } from "../../connectors/shared/secrets";
import type { PsaConnector, PsaResult } from "../../connectors/types";
import { psaCalls, psaOutcomeOf } from "../platform/metrics/metrics";

export interface FirmConnectors {
  /** The firm's connector, built once per version of its settings (it holds the circuit breaker state). */
  forFirm(firm: Firm): PsaResult<PsaConnector>;
  /**
   * The gateway is stopping: calls in flight are aborted, retry waits end, and no further request leaves the
   * process. Callers get their usual "PSA unavailable" answer rather than hanging on a retry schedule.
   */
  close(): void;
  /** The firm's stored settings with secrets decrypted, for server-side use only (never rendered or returned). */
  storedSettings(firm: Firm): Record<string, unknown> | null;
  /** Split and encrypt settings for storing on the Firm row. */
  seal(kind: string, settings: Record<string, unknown>): { connectorSettings: Prisma.InputJsonObject; connectorSecrets: string | null };
}

/**
 * Builds each firm's PSA connector from its stored settings: non-secret fields in Firm.connectorSettings,
 * secret fields AES-256-GCM encrypted in Firm.connectorSecrets. Relative paths in settings are resolved against
 * the project (`baseDirectory`), so the demo firm's `config/demo-psa` works from any working directory.
 */
export function createFirmConnectors(options: { secretsKey: Buffer; logger: Logger; projectRoot: string; timeoutMs: number; now?: () => number }): FirmConnectors {
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

  return {
    storedSettings,
    seal: (kind, settings) => sealConnectorSettings(kind, settings, options.secretsKey),
    close() {
      stopping.abort();
      for (const wake of [...waking]) wake();
    },
    forFirm(firm) {
      const version = firm.updatedAt.toISOString();
      const cached = built.get(firm.id);
      if (cached?.version === version) return cached.result;
      const result = build(firm);
      built.set(firm.id, { version, result });
      return result;
    },
  };

  function build(firm: Firm): PsaResult<PsaConnector> {
    if (!firm.connectorKind || !isConnectorKind(firm.connectorKind)) {
      return { ok: false, error: { code: "psa_misconfigured", message: `${firm.name} has no PSA connection set up yet.` } };
    }
    return createConnector(firm.connectorKind, storedSettings(firm) ?? {}, {
      baseDirectory: options.projectRoot,
      timeoutMs: options.timeoutMs,
      http,
      sleep,
      resilienceStore,
      now: () => new Date((options.now ?? Date.now)()),
      onCall: (call) => psaCalls.inc({ connector: firm.connectorKind ?? "none", outcome: psaOutcomeOf(call) }),
      logger: { warn: (obj, msg) => logger.warn({ firmId: firm.id, ...obj }, msg), info: (obj, msg) => logger.info({ firmId: firm.id, ...obj }, msg) },
    });
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

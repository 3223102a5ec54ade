import type { z } from "zod";
import type { PsaConnector, PsaResult, PsaWebhooks } from "./types";
import { autotaskDefinition } from "./autotask";
import { connectwiseDefinition } from "./connectwise";
import { csvDefinition } from "./csv";
import { halopsaDefinition } from "./halopsa";
import type { ConnectorDefinition, ConnectorDeps } from "./shared/deps";
import { resolveDeps } from "./shared/resolve-deps";
import { fail, succeed } from "./shared/result";
import { maskSecretFields } from "./shared/secrets";
import { describeSettingsProblems } from "./shared/settings-fields";

export type { ConnectorDefinition, ConnectorDeps, ConnectorLogger } from "./shared/deps";
export type { ResilienceStore } from "./shared/resilience-store";

/** Every connector, by kind. Adding a PSA means one folder and one line here. */
export const connectorDefinitions = {
  connectwise: connectwiseDefinition,
  autotask: autotaskDefinition,
  halopsa: halopsaDefinition,
  csv: csvDefinition,
} as const satisfies Record<string, ConnectorDefinition>;

export type ConnectorKind = keyof typeof connectorDefinitions;

export const connectorKinds = Object.keys(connectorDefinitions) as readonly ConnectorKind[];

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return Object.prototype.hasOwnProperty.call(connectorDefinitions, kind);
}

function lookUp(kind: string): PsaResult<ConnectorDefinition> {
  if (isConnectorKind(kind)) return succeed(connectorDefinitions[kind] as ConnectorDefinition);
  return fail("psa_misconfigured", `Unknown PSA connector "${kind}"; expected one of ${connectorKinds.join(", ")}.`, { detail: "kind" });
}

/** Validates settings against the connector's schema; the message lists every problem at once. */
export function parseConnectorSettings(kind: string, settings: unknown): PsaResult<Record<string, unknown>> {
  const definition = lookUp(kind);
  if (!definition.ok) return definition;
  const parsed = definition.value.settingsSchema.safeParse(settings);
  if (parsed.success) return succeed(parsed.data as Record<string, unknown>);
  const problems = describeSettingsProblems(parsed.error as z.ZodError);
  return fail("psa_misconfigured", `The ${definition.value.label} settings have ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.join("; ")}.`, {
    detail: problems.map((problem) => problem.split(":")[0]).join(", "),
  });
}

/** Builds a connector from stored (decrypted) settings. Create one per firm and keep it: it holds the circuit breaker. */
export function createConnector(kind: string, settings: unknown, deps?: ConnectorDeps): PsaResult<PsaConnector> {
  const definition = lookUp(kind);
  if (!definition.ok) return definition;
  const parsed = parseConnectorSettings(kind, settings);
  if (!parsed.ok) return parsed;
  return succeed(definition.value.create(parsed.value, resolveDeps(deps)));
}

/** The kind's webhooks (payload reading, signature check, setup words), or null when its PSA posts none. */
export function connectorWebhooks(kind: string | null): PsaWebhooks | null {
  return kind && isConnectorKind(kind) ? ((connectorDefinitions[kind] as ConnectorDefinition).webhooks ?? null) : null;
}

/** The settings with every secret field masked, for API output. */
export function maskConnectorSettings(kind: string, settings: Record<string, unknown>): Record<string, unknown> {
  return isConnectorKind(kind) ? maskSecretFields(settings, connectorDefinitions[kind].secretFields) : {};
}

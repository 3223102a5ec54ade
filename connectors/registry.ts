import type { z } from "zod";
import type { PsaConnector, PsaRecordFields, PsaResult, PsaWebhooks } from "./types";
import { autotaskDefinition } from "./autotask";
import { connectwiseDefinition } from "./connectwise";
import { csvDefinition } from "./csv";
import { halopsaDefinition } from "./halopsa";
import type { ConnectorDefinition, ConnectorDeps, Discovery } from "./shared/deps";
import { describeBlockedHost, describeUnreachable } from "./shared/errors";
import { resolveDeps } from "./shared/resolve-deps";
import { fail, succeed } from "./shared/result";
import { maskSecretFields } from "./shared/secrets";
import { listSettingsProblems, settingsErrorMap, type SettingsField, type SettingsProblem } from "./shared/settings-fields";
export { labelOfSetting } from "./shared/settings-fields";

export type { ConnectorDefinition, ConnectorDeps, ConnectorLogger, Discovery } from "./shared/deps";
export type { PrivateHostAllowance, ResolveHost } from "./shared/host-guard";
export type { ResilienceStore } from "./shared/resilience-store";
export type { SettingsField, SettingsInput, SettingsPart, SettingsProblem } from "./shared/settings-fields";

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

/** The settings form of a connector kind: each field's name, label, help text, and whether it is secret or required. */
export function describeConnectorSettings(kind: string): readonly SettingsField[] {
  return isConnectorKind(kind) ? connectorDefinitions[kind].fields : [];
}

/** Validates settings against the connector's schema: the parsed settings, or every problem by field and label. */
export function validateConnectorSettings(kind: string, settings: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; problems: SettingsProblem[] } {
  const definition = lookUp(kind);
  if (!definition.ok) return { ok: false, problems: [{ field: null, text: definition.error.message }] };
  const parsed = definition.value.settingsSchema.safeParse(settings, { error: settingsErrorMap });
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  return { ok: false, problems: listSettingsProblems(parsed.error as z.ZodError, definition.value.fields) };
}

/**
 * Validates settings against the connector's schema; the message lists every problem at once by the fields'
 * labels ("Company ID: is required"), and `detail` names the settings keys at fault.
 */
export function parseConnectorSettings(kind: string, settings: unknown): PsaResult<Record<string, unknown>> {
  const definition = lookUp(kind);
  if (!definition.ok) return definition;
  const validated = validateConnectorSettings(kind, settings);
  if (validated.ok) return succeed(validated.value);
  const { problems } = validated;
  const keys = [...new Set(problems.map((problem) => problem.field ?? "(settings)"))];
  return fail("psa_misconfigured", `The ${definition.value.label} settings have ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems.map((problem) => problem.text).join("; ")}.`, {
    detail: keys.join(", "),
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

/**
 * Asks the PSA for the settings it can tell from what the admin typed so far (e.g. ConnectWise's codebase from
 * site and company id). Kinds with nothing to find answer an empty discovery.
 */
export async function discoverConnectorSettings(kind: string, partialSettings: Record<string, unknown>, deps?: ConnectorDeps): Promise<PsaResult<Discovery>> {
  const definition = lookUp(kind);
  if (!definition.ok) return definition;
  if (!definition.value.discover) return succeed({ settings: {}, notes: [] });
  return definition.value.discover(partialSettings, resolveDeps(deps));
}

/**
 * Resolves every host the settings make the connector call and refuses one on a private or internal network
 * (unless the operator allowed it). Call before saving or testing settings; each request is checked again at
 * connect time, because a DNS answer can change.
 */
export async function checkConnectorAddresses(kind: string, settings: unknown, deps?: ConnectorDeps): Promise<PsaResult<{ checked: string[] }>> {
  const definition = lookUp(kind);
  if (!definition.ok) return definition;
  const parsed = parseConnectorSettings(kind, settings);
  if (!parsed.ok) return parsed;
  const { hostGuard } = resolveDeps(deps);
  const vendor = { label: definition.value.label, addressField: "" };
  const checked: string[] = [];
  for (const address of definition.value.addressesOf(parsed.value)) {
    const verdict = await hostGuard.checkHost(address.host);
    if (!verdict.allowed) {
      const profile = { ...vendor, addressField: address.field, describeAuthFailure: () => ({ message: "", detail: "" }), secrets: [] };
      const error = verdict.reason === "internal_address" ? describeBlockedHost(profile, address.host) : describeUnreachable(profile, address.host);
      return { ok: false, error: { ...error, detail: address.field } };
    }
    checked.push(address.host);
  }
  return succeed({ checked });
}

/** Whether the kind can find settings for the admin (its definition has `discover`). */
export function connectorDiscovers(kind: string): boolean {
  return isConnectorKind(kind) && (connectorDefinitions[kind] as ConnectorDefinition).discover !== undefined;
}

/** The kind's webhooks (payload reading, signature check, setup words), or null when its PSA posts none. */
export function connectorWebhooks(kind: string | null): PsaWebhooks | null {
  return kind && isConnectorKind(kind) ? ((connectorDefinitions[kind] as ConnectorDefinition).webhooks ?? null) : null;
}

/** Where staff edit a contact's emails, state and company in this kind's PSA, or null for an unknown kind. */
export function describeRecordFields(kind: string | null): PsaRecordFields | null {
  return kind && isConnectorKind(kind) ? (connectorDefinitions[kind] as ConnectorDefinition).recordFields : null;
}

/** The settings with every secret field masked, for API output. */
export function maskConnectorSettings(kind: string, settings: Record<string, unknown>): Record<string, unknown> {
  return isConnectorKind(kind) ? maskSecretFields(settings, connectorDefinitions[kind].secretFields) : {};
}

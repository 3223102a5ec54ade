import { connectorDefinitions, isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import type { PsaConnector, PsaError } from "../../../connectors/types";
import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import type { FirmDirectory } from "../../firms/firm-directory";
import { labelFor, readConnectorForm } from "../connector-form";
import type { FieldProblem } from "../connector-form";
import type { FirmConnectors } from "../firm-connectors";
import { operatorSettingsOf } from "../operator-settings";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { staffActor } from "../../accounts/actor";
import type { Prisma } from "../../generated/prisma/client";

export interface PsaConnectionDeps {
  db: Db;
  connectors: FirmConnectors;
  directory: FirmDirectory;
}

/** "Test connection": one cheap authenticated call; `message` is the connector's own account of the answer. */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** The settings field at fault, where the connector knows it (an address refused, a credential rejected). */
  field?: string;
}

const failed = (kind: ConnectorKind, error: PsaError): ConnectionTest => {
  const field = error.detail && !error.detail.includes(",") ? error.detail : undefined;
  return { ok: false, message: field ? `${labelFor(kind, field)}: ${error.message}` : error.message, ...(field ? { field } : {}) };
};

/**
 * Every address the settings name is resolved and checked first: a private or internal one is refused before any
 * request leaves (issue 14, finding 1), and the connector checks again at connect time. Then one cheap call.
 */
async function testSettings(connectors: FirmConnectors, kind: ConnectorKind, settings: Record<string, unknown>, connector: () => ReturnType<FirmConnectors["forDraft"]>): Promise<ConnectionTest> {
  const addresses = await connectors.checkAddresses(kind, settings);
  if (!addresses.ok) return failed(kind, addresses.error);
  const built = connector();
  if (!built.ok) return failed(kind, built.error);
  return verify(kind, built.value);
}

async function verify(kind: ConnectorKind, connector: PsaConnector): Promise<ConnectionTest> {
  const verified = await connector.verifyConnection();
  return verified.ok ? { ok: true, message: verified.value.description } : failed(kind, verified.error);
}

/** "Test connection" on the saved connection. */
export async function testPsaConnection(connectors: FirmConnectors, firm: Firm): Promise<ConnectionTest> {
  const kind = firm.connectorKind && isConnectorKind(firm.connectorKind) ? firm.connectorKind : null;
  const settings = connectors.storedSettings(firm);
  if (!kind || !settings) {
    const missing = connectors.forFirm(firm);
    return { ok: false, message: missing.ok ? "" : missing.error.message };
  }
  return testSettings(connectors, kind, settings, () => connectors.forFirm(firm));
}

/** `kind` null: the form named no connector there is. `problems`: each by the form's labels, under its field. */
export type SaveConnectionFailure = Failure<"owners_and_admins_only"> | (Failure<"validation_failed"> & { kind: ConnectorKind | null; problems: FieldProblem[] });

/** `test_first` saves only a connection that answers; `save_even_if_failing` is the admin's explicit choice. */
export type SaveIntent = "test_first" | "save_even_if_failing";

export type SaveOutcome =
  | { saved: true; firm: Firm; kind: ConnectorKind; test: ConnectionTest; savedFailing: boolean }
  /** The test failed and nothing changed: `kept` names the working connection that stays in place, if any. */
  | { saved: false; kind: ConnectorKind; test: ConnectionTest; kept: string | null };

/**
 * Owners and admins connect a PSA from the console's form. The settings are tested before they are saved, and a
 * connection that fails its test is not saved: the firm's working connection stays, so a typo never turns every
 * client's page into "project information unavailable". Saving failing settings anyway is an explicit choice.
 * Invalid settings and refused addresses save nothing and name each field; a secret left blank keeps the stored
 * one. Every cache forgets the previous connection (cached answers are keyed by connector kind).
 */
export async function savePsaConnection(
  deps: PsaConnectionDeps,
  input: { firm: Firm; staff: StaffAccount; kind: string; form: Record<string, unknown>; intent: SaveIntent },
): Promise<Result<SaveOutcome, SaveConnectionFailure>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const kind = isConnectorKind(input.kind) ? input.kind : null;
  if (!kind) return fail("validation_failed", { kind, problems: [] });
  const stored = input.firm.connectorKind === kind ? deps.connectors.storedSettings(input.firm) : null;
  const read = readConnectorForm(kind, input.form, stored, operatorSettingsOf(input.firm, kind));
  if (!read.ok) return fail("validation_failed", { kind, problems: read.problems });
  const addresses = await deps.connectors.checkAddresses(kind, read.settings);
  if (!addresses.ok) {
    const refused = failed(kind, addresses.error);
    return fail("validation_failed", { kind, problems: [{ field: refused.field ?? null, text: refused.message }] });
  }

  const test = await testSettings(deps.connectors, kind, read.settings, () => deps.connectors.forDraft(kind, read.settings));
  if (!test.ok && input.intent === "test_first") {
    const current = input.firm.connectorKind && isConnectorKind(input.firm.connectorKind) ? connectorDefinitions[input.firm.connectorKind].label : null;
    return ok({ saved: false, kind, test, kept: current });
  }
  const saved = await deps.db.firm.update({ where: { id: input.firm.id }, data: { connectorKind: kind, ...deps.connectors.seal(kind, read.settings) } });
  deps.directory.forget(input.firm.id);
  // Only the settings stored in the clear are recorded; secret fields are never in connectorSettings.
  const described = (firm: Firm) => ({ kind: firm.connectorKind, settings: (firm.connectorSettings ?? null) as Prisma.InputJsonValue | null, secrets: firm.connectorSecrets ? "(set)" : "(not set)" });
  await recordStaffAction(deps.db, { firmId: saved.id, actor: staffActor(input.staff), action: "psa_connection_changed", subject: kind, before: described(input.firm), after: described(saved) });
  return ok({ saved: true, firm: saved, kind, test, savedFailing: !test.ok });
}

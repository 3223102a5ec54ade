import { isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import type { FirmDirectory } from "../../firms/firm-directory";
import { readConnectorForm } from "../connector-form";
import type { FirmConnectors } from "../firm-connectors";
import { hashWebhookSecret, newWebhookSecret } from "../webhook-secret";
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
}

export async function testPsaConnection(connectors: FirmConnectors, firm: Firm): Promise<ConnectionTest> {
  const connector = connectors.forFirm(firm);
  if (!connector.ok) return { ok: false, message: connector.error.message };
  const verified = await connector.value.verifyConnection();
  return verified.ok ? { ok: true, message: verified.value.description } : { ok: false, message: verified.error.message };
}

/** `kind` null: the form named no connector there is. `problems`: each field's, as the settings form states them. */
export type SaveConnectionFailure =
  | Failure<"owners_and_admins_only">
  | (Failure<"validation_failed"> & { kind: ConnectorKind | null; problems: string[] });

/**
 * Owners and admins save a connection from the console's form, then it is tested at once. Invalid settings save
 * nothing and list every problem; a secret left blank keeps the stored one. Every cache forgets the previous
 * connection (cached answers are keyed by connector kind).
 */
export async function savePsaConnection(
  deps: PsaConnectionDeps,
  input: { firm: Firm; staff: StaffAccount; kind: string; form: Record<string, unknown> },
): Promise<Result<{ firm: Firm; kind: ConnectorKind; test: ConnectionTest }, SaveConnectionFailure>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const kind = isConnectorKind(input.kind) ? input.kind : null;
  if (!kind) return fail("validation_failed", { kind, problems: [] });
  const stored = input.firm.connectorKind === kind ? deps.connectors.storedSettings(input.firm) : null;
  const read = readConnectorForm(kind, input.form, stored);
  if (!read.ok) return fail("validation_failed", { kind, problems: read.problems });
  const sealed = deps.connectors.seal(kind, read.settings);
  const saved = await deps.db.firm.update({ where: { id: input.firm.id }, data: { connectorKind: kind, ...sealed } });
  deps.directory.forget(input.firm.id);
  // Only the settings stored in the clear are recorded; secret fields are never in connectorSettings.
  const described = (firm: Firm) => ({ kind: firm.connectorKind, settings: (firm.connectorSettings ?? null) as Prisma.InputJsonValue | null, secrets: firm.connectorSecrets ? "(set)" : "(not set)" });
  await recordStaffAction(deps.db, { firmId: saved.id, actor: staffActor(input.staff), action: "psa_connection_changed", subject: kind, before: described(input.firm), after: described(saved) });
  return ok({ firm: saved, kind, test: await testPsaConnection(deps.connectors, saved) });
}

/**
 * Owners and admins create (or replace) the address the PSA posts changes to: /webhooks/psa/{firmId}/{secret}.
 * The secret is 256 random bits, returned this once; only its SHA-256 is kept, and replacing it retires the old one.
 */
export async function createWebhookAddress(
  deps: PsaConnectionDeps & { publicBaseUrl: string },
  input: { firm: Firm; staff: StaffAccount },
): Promise<Result<{ firm: Firm; url: string }, Failure<"owners_and_admins_only">>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const secret = newWebhookSecret();
  const saved = await deps.db.firm.update({ where: { id: input.firm.id }, data: { webhookSecretHash: hashWebhookSecret(secret) } });
  deps.directory.forget(input.firm.id);
  await recordStaffAction(deps.db, { firmId: saved.id, actor: staffActor(input.staff), action: "psa_webhook_created", subject: input.firm.webhookSecretHash ? "replaced" : "created" });
  return ok({ firm: saved, url: `${deps.publicBaseUrl}/webhooks/psa/${input.firm.id}/${secret}` });
}

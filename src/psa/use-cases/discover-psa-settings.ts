import { isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import type { Firm, StaffAccount } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { labelFor, readConnectorDraft } from "../connector-form";
import type { FieldProblem } from "../connector-form";
import type { FirmConnectors } from "../firm-connectors";

export type DiscoveryFailure = Failure<"owners_and_admins_only"> | (Failure<"validation_failed"> & { kind: ConnectorKind | null; problems: FieldProblem[] });

/**
 * "Find settings": the PSA tells what it can from what the admin typed so far (ConnectWise's codebase from its
 * company info, HaloPSA's authorisation server and tenant from /api/authinfo, Autotask's zone from the username).
 * The connector checks every address it calls, as for a saved connection. Nothing is saved.
 */
export async function discoverPsaSettings(
  connectors: FirmConnectors,
  input: { firm: Firm; staff: StaffAccount; kind: string; form: Record<string, unknown> },
): Promise<Result<{ kind: ConnectorKind; found: Record<string, string>; notes: string[] }, DiscoveryFailure>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const kind = isConnectorKind(input.kind) ? input.kind : null;
  if (!kind) return fail("validation_failed", { kind, problems: [] });
  const stored = input.firm.connectorKind === kind ? connectors.storedSettings(input.firm) : null;
  const draft = readConnectorDraft(kind, input.form, stored);
  const discovered = await connectors.discover(kind, draft.settings);
  if (!discovered.ok) {
    const field = discovered.error.detail && !discovered.error.detail.includes(",") ? discovered.error.detail : null;
    return fail("validation_failed", { kind, problems: [{ field, text: field ? `${labelFor(kind, field)}: ${discovered.error.message}` : discovered.error.message }] });
  }
  const found = Object.fromEntries(Object.entries(discovered.value.settings).filter(([, value]) => typeof value === "string" || typeof value === "number").map(([name, value]) => [name, String(value)]));
  return ok({ kind, found, notes: discovered.value.notes });
}

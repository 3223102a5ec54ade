import { connectorWebhooks } from "../../../connectors/registry";
import type { Firm, StaffAccount } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { hashWebhookSecret, newWebhookSecret } from "../webhook-secret";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { staffActor } from "../../accounts/actor";
import type { PsaConnectionDeps } from "./psa-connection";

/** The address made this once: as the PSA must be given it, and the signing secret when the PSA signs with one. */
export interface CreatedWebhookAddress {
  firm: Firm;
  /** The address to paste into the PSA (its connector's form: ConnectWise's ends in "?recordId="). */
  address: string;
  signingSecret: string | null;
}

/**
 * Owners and admins create (or replace) the address the PSA posts changes to: /webhooks/psa/{firmId}/{secret}.
 * The secret is 256 random bits, returned this once; only its SHA-256 is kept, and replacing it retires the old one.
 * A PSA that signs with a shared secret gets one of its own (not the address's: an address can leak into a proxy's
 * log), stored encrypted; from then on an unsigned delivery is refused.
 */
export async function createWebhookAddress(
  deps: PsaConnectionDeps & { publicBaseUrl: string },
  input: { firm: Firm; staff: StaffAccount },
): Promise<Result<CreatedWebhookAddress, Failure<"owners_and_admins_only">>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const webhooks = connectorWebhooks(input.firm.connectorKind);
  const secret = newWebhookSecret();
  const signingSecret = webhooks?.signing?.kind === "shared_secret" ? newWebhookSecret() : null;
  const saved = await deps.db.firm.update({
    where: { id: input.firm.id },
    data: { webhookSecretHash: hashWebhookSecret(secret), webhookSigningSecret: signingSecret ? deps.connectors.sealSecret(signingSecret) : null },
  });
  deps.directory.forget(input.firm.id);
  await recordStaffAction(deps.db, { firmId: saved.id, actor: staffActor(input.staff), action: "psa_webhook_created", subject: input.firm.webhookSecretHash ? "replaced" : "created" });
  const url = `${deps.publicBaseUrl}/webhooks/psa/${input.firm.id}/${secret}`;
  return ok({ firm: saved, address: webhooks?.addressForPsa ? webhooks.addressForPsa(url) : url, signingSecret });
}

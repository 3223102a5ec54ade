import type { Firm, StaffAccount } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { hashWebhookSecret, newWebhookSecret } from "../webhook-secret";
import type { PsaConnectionDeps } from "./psa-connection";

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
  return ok({ firm: saved, url: `${deps.publicBaseUrl}/webhooks/psa/${input.firm.id}/${secret}` });
}

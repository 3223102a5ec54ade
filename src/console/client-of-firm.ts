import { normalizeEmail } from "../../connectors/shared/normalize-email";
import type { PortalAccount } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { fail, ok } from "../platform/errors";
import type { Failure, Result } from "../platform/errors";
import { isUuid } from "../platform/ids";

/**
 * The client account an id names, if it is this firm's: another firm's id reads exactly like a missing one. The
 * handlers check the id's shape at the edge; it is checked here too for the callers that are not HTTP handlers.
 */
export async function clientOfFirm(db: Db, firmId: string, accountId: string): Promise<Result<PortalAccount, Failure<"client_not_found">>> {
  const account = isUuid(accountId) ? await db.portalAccount.findFirst({ where: { id: accountId, firmId } }) : null;
  return account ? ok(account) : fail("client_not_found");
}

/** The client account an email names on this firm's portal (as typed: normalized first), for the CLI's `--email`. */
export async function clientOfFirmByEmail(db: Db, firmId: string, typed: string): Promise<Result<PortalAccount, Failure<"client_not_found">>> {
  const account = await db.portalAccount.findUnique({ where: { firmId_email: { firmId, email: normalizeEmail(typed) } } });
  return account ? ok(account) : fail("client_not_found");
}

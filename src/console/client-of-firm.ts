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

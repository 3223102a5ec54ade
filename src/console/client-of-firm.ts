import type { PortalAccount } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { fail, ok } from "../platform/errors";
import type { Failure, Result } from "../platform/errors";

/** The client account an id names, if it is this firm's: another firm's id reads exactly like a missing one. */
export async function clientOfFirm(db: Db, firmId: string, accountId: string): Promise<Result<PortalAccount, Failure<"client_not_found">>> {
  const account = /^[0-9a-f-]{36}$/i.test(accountId) ? await db.portalAccount.findFirst({ where: { id: accountId, firmId } }) : null;
  return account ? ok(account) : fail("client_not_found");
}

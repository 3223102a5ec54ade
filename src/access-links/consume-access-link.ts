import type { Db } from "../platform/db/prisma";
import type { Prisma } from "../generated/prisma/client";
import { ok } from "../platform/errors";
import type { Result } from "../platform/errors";
import { deadLink, findLink } from "./find-link";
import type { DeadLinkFailure, HeldLink } from "./find-link";
import { kindsForPath } from "./link-kinds";
import type { LinkKindInfo } from "./link-kinds";
import { openLinkWhere } from "./rotate-link-token";

/**
 * Use a link once. The conditional update ("still unused, not replaced, not locked, not expired") is the
 * only gate: of fifty simultaneous submissions exactly one sees count = 1, and only that one runs `effects`
 * (set the password, confirm the email...) in the same transaction. The others get false and show
 * "already used".
 */
export async function consumeAccessLink(db: Db, linkId: string, now: Date, effects: (tx: Prisma.TransactionClient) => Promise<void>): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const won = await tx.accessLink.updateMany({ where: { id: linkId, lockedAt: null, ...openLinkWhere(now) }, data: { usedAt: now } });
      if (won.count !== 1) return false;
      await effects(tx);
      return true;
    },
    // Many submissions of one link queue for connections; waiting a little is better than a 500.
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/**
 * After a password is set through a link, any other open invite or reset link for that account is revoked:
 * an old reset email found later must not be able to change the new password (Keycloak #26815 shows why).
 */
export async function revokeOtherPasswordLinks(tx: Prisma.TransactionClient, where: { portalAccountId?: string; staffAccountId?: string }, now: Date): Promise<void> {
  await tx.accessLink.updateMany({
    where: { ...where, kind: { in: ["invite_client", "invite_staff", "reset"] }, usedAt: null, revokedAt: null, supersededAt: null },
    data: { revokedAt: now },
  });
}

/**
 * consumeAccessLink for a link a page found live: when another submission used it first (or it died meanwhile),
 * the failure carries what the link is now, for its dead-link page ("already used" when it still looks live).
 */
export async function useLinkOnce(
  db: Db,
  input: { firmId: string; link: HeldLink; token: string; path: LinkKindInfo["path"]; now: Date },
  effects: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<Result<true, DeadLinkFailure>> {
  const { link, now } = input;
  if (await consumeAccessLink(db, link.id, now, effects)) return ok(true);
  const lookup = await findLink(db, input.firmId, input.token, kindsForPath(input.path), now);
  return deadLink(lookup.state === "live" ? { state: "used", link, at: now } : lookup);
}

import type { Db } from "../platform/db/prisma";
import { generateToken, hashToken } from "./tokens";

/** The conditions under which a link still works (apart from an identity-check lock, checked at claim). */
export function openLinkWhere(now: Date) {
  return { usedAt: null, revokedAt: null, supersededAt: null, expiresAt: { gt: now } };
}

/**
 * Give a still-open link a fresh token and return it. Used at delivery: the token exists only in memory and
 * in the sent email. Returns null when the link was used, replaced or expired meanwhile (do not send it).
 */
export async function rotateLinkToken(db: Db, linkId: string, now: Date): Promise<string | null> {
  const token = generateToken();
  const updated = await db.accessLink.updateMany({ where: { id: linkId, ...openLinkWhere(now) }, data: { tokenHash: hashToken(token) } });
  return updated.count === 1 ? token : null;
}

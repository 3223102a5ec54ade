import type { ApiToken, Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { hashApiToken, looksLikeApiToken } from "./api-token-secret";

/** How often a token's "last used" time is written at most: a busy script must not write on every call. */
export const LAST_USED_EVERY_MS = 60_000;

export type ApiCaller = { token: ApiToken; firm: Firm };

/**
 * The firm and role a bearer token stands for, or null for no token, a malformed one, an unknown one, a revoked
 * one, or one whose firm is turned off: they all read alike to the caller. The last-used time is written at most
 * once a minute per token, by a conditional update, so concurrent requests never queue on it.
 */
export async function authenticateApiToken(db: Db, bearer: string | null, now: Date = new Date()): Promise<ApiCaller | null> {
  if (!bearer || !looksLikeApiToken(bearer)) return null;
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(bearer) }, include: { firm: true } });
  if (!token || token.revokedAt || token.firm.disabledAt) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    const stale = new Date(now.getTime() - LAST_USED_EVERY_MS);
    await db.apiToken.updateMany({ where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } });
  }
  const { firm, ...row } = token;
  return { token: row, firm };
}

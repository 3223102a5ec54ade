import type { Pool } from "pg";
import type { PortalAccount, StaffAccount } from "../generated/prisma/client";
import type { SessionAccount } from "../platform/http/request-state";
import type { AccountRef } from "./session-versions";

export type FindSessionAccount = (ref: AccountRef) => Promise<SessionAccount>;

/** The table of each kind of account, as the migrations name it. */
export const ACCOUNT_TABLES = { portal: `"PortalAccount"`, staff: `"StaffAccount"` } as const;

/** A row of either account table, typed by the kind it was read for. */
export function sessionAccountOf(ref: AccountRef, row: PortalAccount | StaffAccount | null): SessionAccount {
  return ref.kind === "portal" ? { kind: "portal", id: ref.id, account: row as PortalAccount | null } : { kind: "staff", id: ref.id, account: row as StaffAccount | null };
}

/**
 * The account behind a session, read from the database when the session store could not bring it along
 * (accounts/session-accounts.ts): one statement on the pool shared with Prisma, not a Prisma query, because
 * it is on the hot path. Measured with bench/run.ts on Redis + PostgreSQL: Prisma's findUnique 919 requests/s,
 * Prisma's $queryRaw about 1,700-2,000, this about 2,200-2,700; a test pins that it returns what findUnique does.
 */
export function createFindSessionAccount(pool: Pool): FindSessionAccount {
  return async (ref) => {
    // Unnamed: the embedded PGlite serves every connection from one session, where a named statement collides.
    const { rows } = await pool.query<PortalAccount | StaffAccount>(`SELECT * FROM ${ACCOUNT_TABLES[ref.kind]} WHERE id = $1::uuid`, [ref.id]);
    return sessionAccountOf(ref, rows[0] ?? null);
  };
}

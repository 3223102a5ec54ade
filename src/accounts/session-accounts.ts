import type { SessionData, Store } from "express-session";
import type { Request } from "express";
import { LRUCache } from "lru-cache";
import type { PortalAccount, StaffAccount } from "../generated/prisma/client";
import type { SessionAccount } from "../platform/http/request-state";
import { sessionOwner } from "../platform/session-store";
import type { SessionBackend } from "../platform/session-store";
import { ACCOUNT_TABLES, sessionAccountOf } from "./find-session-account";
import type { FindSessionAccount } from "./find-session-account";
import { sessionVersionKey } from "./session-versions";
import type { AccountRef, SessionVersions } from "./session-versions";

/**
 * Every signed-in request needs its session and the session's account, checked fresh (disabled, password reset,
 * signed out everywhere: the next request must see it). This makes the session store bring the account along in
 * the same round trip as the session, keyed by the owner named in the session id (platform/session-store.ts):
 *
 * - Sessions in PostgreSQL (the embedded default, or DATABASE_URL without Redis): one statement reads the session
 *   row joined to the account row. The database is the version: always current, whichever process (another
 *   gateway instance, the CLI, psql) changed the account, and one statement where there were two. The in-process
 *   store is never trusted for this: it is per process.
 * - Sessions in Redis: one MGET reads the session and the account's session version (session-versions.ts,
 *   shared by every instance). This process keeps a copy of recently read account rows, each under the version
 *   it was read with; a copy whose version still matches is current. Otherwise (changed, version missing or
 *   mid-change, not cached) the row is read from the database. A copy is also re-read after MAX_COPY_AGE_MS, which
 *   bounds what a write that bypassed the accounts use-cases (psql by hand) could leave stale.
 *
 * The result reaches the request as `req.sessionAccount`; portal/load-principal.ts checks that it is the session's
 * own account and reads the database itself when it is absent (a session id from before ids named their owner).
 */
export interface SessionAccountsDeps {
  backend: SessionBackend;
  versions: SessionVersions;
  find: FindSessionAccount;
  /** The store's key prefix, under which session versions live (Redis only). */
  storePrefix: string;
  now?: () => number;
}

/** How many account rows a process keeps copies of (Redis sessions), and for how long at most. */
const COPY_LIMIT = 10_000;
const MAX_COPY_AGE_MS = 5_000;

type Callback = (err: unknown, session?: SessionData | null) => void;

export function readAccountsWithSessions(store: Store, deps: SessionAccountsDeps): void {
  const plainGet = store.get.bind(store);
  // What get() read along, by the session object it returned (no property is added to the session itself).
  const readAlongOf = new WeakMap<SessionData, SessionAccount>();
  const withAccount = (sess: SessionData, account: SessionAccount) => {
    readAlongOf.set(sess, account);
    return sess;
  };
  const readAlong = deps.backend.kind === "redis" ? redisReader(deps, deps.backend, withAccount) : postgresReader(deps.backend, withAccount);
  store.get = (sid: string, callback: Callback) => {
    const owner = sessionOwner(sid);
    if (!owner) return plainGet(sid, callback);
    readAlong(sid, owner).then(
      (loaded) => callback(null, loaded),
      (error: unknown) => callback(error),
    );
  };
  // express-session turns what get() returned into req.session here, which is where the request can be reached.
  const createSession = store.createSession.bind(store);
  store.createSession = (req: Request, sess: SessionData) => {
    const account = readAlongOf.get(sess);
    if (account) req.sessionAccount = account;
    return createSession(req, sess);
  };
}

type WithAccount = (sess: SessionData, account: SessionAccount) => SessionData;

function postgresReader(backend: Extract<SessionBackend, { kind: "postgres" }>, withAccount: WithAccount) {
  return async (sid: string, owner: AccountRef): Promise<SessionData | null> => {
    // The same expiry test as connect-pg-simple's own get(). Unnamed statement: see find-session-account.ts.
    const { rows } = await backend.pool.query<{ sessionData: SessionData } & Record<string, unknown>>(
      `SELECT s.sess AS "sessionData", a.* FROM "${backend.table}" s LEFT JOIN ${ACCOUNT_TABLES[owner.kind]} a ON a.id = $2::uuid WHERE s.sid = $1 AND s.expire >= to_timestamp($3)`,
      [sid, owner.id, Date.now() / 1000],
    );
    const row = rows[0];
    if (!row) return null;
    const { sessionData, ...account } = row;
    return withAccount(sessionData, sessionAccountOf(owner, account.id ? (account as unknown as PortalAccount | StaffAccount) : null));
  };
}

function redisReader(deps: SessionAccountsDeps, backend: Extract<SessionBackend, { kind: "redis" }>, withAccount: WithAccount) {
  const now = deps.now ?? Date.now;
  const copies = new LRUCache<string, { version: string; read: SessionAccount; at: number }>({ max: COPY_LIMIT });
  return async (sid: string, owner: AccountRef): Promise<SessionData | null> => {
    const key = sessionVersionKey(owner);
    const [raw, seen] = await backend.client.mGet([`${backend.prefix}${sid}`, `${deps.storePrefix}${key}`]);
    if (!raw) return null;
    const sess = JSON.parse(raw) as SessionData;
    const copy = copies.get(key);
    if (copy && seen !== null && copy.version === seen && now() - copy.at < MAX_COPY_AGE_MS) return withAccount(sess, copy.read);
    const label = await deps.versions.labelFor(owner, seen);
    const read = await deps.find(owner);
    if (label !== null && read.account) copies.set(key, { version: label, read: Object.freeze({ ...read, account: Object.freeze(read.account) }) as SessionAccount, at: now() });
    else copies.delete(key);
    return withAccount(sess, read);
  };
}

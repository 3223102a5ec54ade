import { LRUCache } from "lru-cache";
import type { Firm } from "../generated/prisma/client";
import type { KeyValueStore } from "../platform/kv/store";
import { createSingleFlight } from "../platform/kv/single-flight";
import type { Logger } from "../platform/logger";
import type { PsaResult } from "../../connectors/types";
import type { FirmConnectors } from "../psa/firm-connectors";
import { fetchAccessFromPsa, fetchProjectsFromPsa } from "./fetch-from-psa";
import { readAccessFromSnapshot, readProjectsFromSnapshot } from "./snapshot-answers";
import type { AccessAnswer, Lookup, ProjectRecord } from "./company-answers";
import type { Db } from "../platform/db/prisma";

export interface CompanyResolverOptions {
  db: Db;
  store: KeyValueStore;
  connectors: FirmConnectors;
  logger: Logger;
  now: () => number;
  /** A PSA answer younger than this is served without asking the PSA (default 60 s). */
  cacheTtlMs: number;
  /** How long a page waits for the PSA before serving the last known answer (default 2 s). */
  timeBudgetMs: number;
  /** The oldest answer ever served when the PSA is down (default 24 h). */
  maxStalenessMs: number;
}

/** What the store keeps: the value, when the PSA gave it, and whether an invalidation made it stale early. */
interface Entry<T> {
  v: T;
  at: number;
  expired?: boolean;
}

const LOCAL_TTL_MS = 2_000;
const TIMED_OUT: unique symbol = Symbol("timed out");

/** The promise's value, or TIMED_OUT once `ms` pass or if it rejects (the rejection is logged where it is made). */
async function waitAtMost<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise.catch((): typeof TIMED_OUT => TIMED_OUT), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "Which company is this person with, according to the PSA right now?", answered on every page load:
 * fresh from the cache for `cacheTtlMs`, otherwise from the PSA with concurrent askers sharing one call;
 * when the PSA is slow, failing or its circuit is open, from the last known answer or the sync snapshot,
 * marked stale, up to `maxStalenessMs`. Only when nothing is known is the answer "unavailable".
 */
export function createCompanyResolver(o: CompanyResolverOptions) {
  const share = createSingleFlight(o.store);
  const log = o.logger.child({ module: "company-resolution" });

  // The longest a page waits for a PSA answer when it has nothing older to show, and the longest another
  // instance's shared fetch is waited for.
  const waitCeilingMs = Math.max(o.timeBudgetMs * 5, 10_000);
  const isFresh = (entry: Entry<unknown> | null) => !!entry && !entry.expired && o.now() - entry.at < o.cacheTtlMs;

  // On Redis, a fresh answer is also kept in this process for a moment, so a busy page does not pay two
  // Redis round trips per load; an invalidation made on another instance reaches this one within that moment.
  const local = o.store.kind === "redis" ? new LRUCache<string, Entry<unknown>>({ max: 50_000, ttl: LOCAL_TTL_MS }) : null;

  async function read<T>(key: string): Promise<Entry<T> | null> {
    const near = local?.get(key) as Entry<T> | undefined;
    if (near && isFresh(near)) return near;
    const raw = await o.store.get(key);
    const entry = raw ? (JSON.parse(raw) as Entry<T>) : null;
    if (entry && local && isFresh(entry)) local.set(key, entry);
    return entry;
  }
  async function write<T>(key: string, entry: Entry<T>): Promise<void> {
    await o.store.set(key, JSON.stringify(entry), o.maxStalenessMs);
    if (local) {
      if (isFresh(entry)) local.set(key, entry);
      else local.delete(key);
    }
  }

  async function lookup<T>(key: string, fetch: () => Promise<PsaResult<T>>, snapshot: () => Promise<{ value: T; asOf: Date } | null>): Promise<Lookup<T>> {
    const entry = await read<T>(key);
    if (entry && isFresh(entry)) return { ok: true, value: entry.v, asOf: new Date(entry.at), stale: false, source: "cache" };

    const fetching = share<PsaResult<T>>(
      key,
      async () => {
        const result = await fetch();
        if (result.ok) await write<T>(key, { v: result.value, at: o.now() });
        return result;
      },
      {
        lockMs: waitCeilingMs,
        readShared: async () => {
          const shared = await read<T>(key);
          return shared && isFresh(shared) ? { ok: true, value: shared.v } : null;
        },
      },
    );
    // A slow PSA answer still lands in the cache for the next page load, after this one has moved on.
    fetching.catch((error: unknown) => log.error({ err: error, key }, "company resolution fetch failed"));
    const outcome = await waitAtMost(fetching, o.timeBudgetMs);
    if (outcome !== TIMED_OUT && outcome.ok) return { ok: true, value: outcome.value, asOf: new Date(o.now()), stale: false, source: "psa" };

    if (entry && o.now() - entry.at < o.maxStalenessMs) {
      log.warn({ key, code: outcome === TIMED_OUT ? "time_budget" : outcome.error.code }, "PSA answer not available: serving the last known one");
      return { ok: true, value: entry.v, asOf: new Date(entry.at), stale: true, source: "cache" };
    }
    const fromSnapshot = await snapshot();
    if (fromSnapshot && o.now() - fromSnapshot.asOf.getTime() < o.maxStalenessMs) {
      log.warn({ key, code: outcome === TIMED_OUT ? "time_budget" : outcome.error.code }, "PSA answer not available: serving the sync snapshot");
      return { ok: true, ...fromSnapshot, stale: true, source: "snapshot" };
    }
    // Nothing older to show: the budget only exists to serve a stale answer sooner, so with none, waiting
    // for a slow PSA (up to the fetch's own timeouts) beats telling the client it is unavailable.
    const last = outcome === TIMED_OUT ? await waitAtMost(fetching, waitCeilingMs - o.timeBudgetMs) : outcome;
    if (last !== TIMED_OUT && last.ok) return { ok: true, value: last.value, asOf: new Date(o.now()), stale: false, source: "psa" };
    const error = last === TIMED_OUT ? { code: "psa_unavailable" as const, message: `The PSA did not answer within ${waitCeilingMs} ms.` } : last.error;
    log.warn({ key, code: error.code }, "PSA answer not available and nothing known: unavailable");
    return { ok: false, error };
  }

  async function expire(key: string): Promise<void> {
    const entry = await read<unknown>(key);
    if (entry) await write(key, { ...entry, expired: true });
  }

  // Keys name the connector kind: after a firm switches PSA, answers from the previous one are never served.
  type FirmKey = Pick<Firm, "id" | "connectorKind">;
  const accountKey = (firm: FirmKey, email: string) => `acc:${firm.id}:${firm.connectorKind ?? "-"}:${email}`;
  const companyKey = (firm: FirmKey, companyExternalId: string) => `prj:${firm.id}:${firm.connectorKind ?? "-"}:${companyExternalId}`;

  // Which emails' answers name a company, so that a webhook about the company can reach them. Written only
  // when the PSA answers (not on cache hits); capped, and kept as long as the answers themselves.
  const companyIndexKey = (firm: FirmKey, companyExternalId: string) => `idx:co:${firm.id}:${firm.connectorKind ?? "-"}:${companyExternalId}`;
  async function indexByCompany(firm: FirmKey, email: string, answer: AccessAnswer): Promise<void> {
    if (!("companies" in answer)) return;
    for (const company of answer.companies) {
      const key = companyIndexKey(firm, company.externalId);
      const emails = JSON.parse((await o.store.get(key)) ?? "[]") as string[];
      if (emails.includes(email)) continue;
      await o.store.set(key, JSON.stringify([...emails, email].slice(-1000)), o.maxStalenessMs);
    }
  }

  return {
    resolveAccess(firm: Firm, email: string): Promise<Lookup<AccessAnswer>> {
      return lookup(
        accountKey(firm, email),
        async () => {
          const result = await fetchAccessFromPsa(o.connectors, firm, email);
          if (result.ok) await indexByCompany(firm, email, result.value);
          return result;
        },
        () => readAccessFromSnapshot(o.db, firm, email),
      );
    },
    listProjects(firm: Firm, companyExternalId: string): Promise<Lookup<ProjectRecord[]>> {
      return lookup(
        companyKey(firm, companyExternalId),
        () => fetchProjectsFromPsa(o.connectors, firm, companyExternalId),
        () => readProjectsFromSnapshot(o.db, firm, companyExternalId),
      );
    },
    /** After a webhook or an admin's "refresh": the next page load asks the PSA (the old answer stays as fallback). */
    async invalidateAccount(firm: FirmKey, email: string): Promise<void> {
      await expire(accountKey(firm, email));
    },
    async invalidateCompany(firm: FirmKey, companyExternalId: string): Promise<void> {
      await expire(companyKey(firm, companyExternalId));
    },
    /**
     * The PSA said something changed (a webhook): the next page load of everyone it may concern asks the PSA.
     * Emails named in the change, and every email whose cached answer names a changed company. Returns how many.
     */
    async applyPsaChange(firm: FirmKey, change: { emails: readonly string[]; companyExternalIds: readonly string[] }): Promise<number> {
      const emails = new Set(change.emails);
      for (const companyExternalId of change.companyExternalIds) {
        await expire(companyKey(firm, companyExternalId));
        for (const email of JSON.parse((await o.store.get(companyIndexKey(firm, companyExternalId))) ?? "[]") as string[]) emails.add(email);
      }
      for (const email of emails) await expire(accountKey(firm, email));
      return emails.size + change.companyExternalIds.length;
    },
  };
}

export type CompanyResolver = ReturnType<typeof createCompanyResolver>;

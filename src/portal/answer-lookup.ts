import { LRUCache } from "lru-cache";
import { createSingleFlight } from "../platform/kv/single-flight";
import type { PsaResult } from "../../connectors/types";
import type { Lookup } from "./company-answers";
import type { CompanyResolverOptions } from "./company-resolver";

/** What the store keeps: the value, when the PSA gave it, and whether an invalidation made it stale early. */
interface Entry<T> {
  v: T;
  at: number;
  expired?: boolean;
}

const LOCAL_TTL_MS = 2_000;
/** The longest a load serves the kept answer without asking while the PSA's circuit is open. */
const PAUSE_AT_MOST_MS = 1_000;
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
 * The fallback chain behind every company-resolution answer, for one cache key: fresh from the cache for
 * `cacheTtlMs`, otherwise from the PSA with concurrent askers sharing one call; when the PSA is slow, failing or
 * its circuit is open, from the last known answer or the sync snapshot, marked stale, up to `maxStalenessMs`.
 */
export function createAnswerLookup(o: Pick<CompanyResolverOptions, "store" | "logger" | "now" | "cacheTtlMs" | "timeBudgetMs" | "maxStalenessMs">) {
  const share = createSingleFlight(o.store);
  const log = o.logger.child({ module: "company-resolution" });

  // The longest a page waits for a PSA answer when it has nothing older to show, and the longest another
  // instance's shared fetch is waited for.
  const waitCeilingMs = Math.max(o.timeBudgetMs * 5, 10_000);
  const isFresh = (entry: Entry<unknown> | null) => !!entry && !entry.expired && o.now() - entry.at < o.cacheTtlMs;

  // A fresh answer is also kept parsed in this process for a moment, so a busy page neither pays two Redis round
  // trips per load nor parses the same JSON again (the in-process store keeps strings too); an invalidation made on
  // another instance reaches this one within that moment.
  const local = new LRUCache<string, Entry<unknown>>({ max: 50_000, ttl: LOCAL_TTL_MS });
  // A PSA outage would otherwise write a warning per page load; the circuit breaker logs the outage itself, and
  // each key's fallback is logged once a minute.
  const warned = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  // While the PSA's circuit is open the connector refuses every call until its next try, so for that long (a second
  // at most: another instance may close the circuit sooner) a load serves the kept answer without asking the store
  // and the shared lock again. Times are the lookup's clock, as every other age here.
  const paused = new LRUCache<string, { entry: Entry<unknown>; until: number }>({ max: 50_000 });
  const staleFrom = <T>(entry: Entry<T>): Lookup<T> => ({ ok: true, value: entry.v, asOf: new Date(entry.at), stale: true, source: "cache" });
  function pauseIfCircuitOpen(key: string, entry: Entry<unknown>, outcome: PsaResult<unknown> | typeof TIMED_OUT): void {
    if (outcome === TIMED_OUT || outcome.ok || outcome.error.code !== "psa_circuit_open") return;
    paused.set(key, { entry, until: o.now() + Math.min(outcome.error.retryAfterMs ?? PAUSE_AT_MOST_MS, PAUSE_AT_MOST_MS) });
  }
  const warnOnce = (key: string, code: string, message: string) => {
    if (warned.has(key)) return;
    warned.set(key, true);
    log.warn({ key, code }, message);
  };

  async function read<T>(key: string): Promise<Entry<T> | null> {
    const near = local.get(key) as Entry<T> | undefined;
    if (near && isFresh(near)) return near;
    const raw = await o.store.get(key);
    const entry = raw ? (JSON.parse(raw) as Entry<T>) : null;
    if (entry && isFresh(entry)) local.set(key, entry);
    return entry;
  }
  async function write<T>(key: string, entry: Entry<T>): Promise<void> {
    await o.store.set(key, JSON.stringify(entry), o.maxStalenessMs);
    if (!entry.expired) paused.delete(key);
    if (isFresh(entry)) local.set(key, entry);
    else local.delete(key);
  }

  async function lookup<T>(key: string, fetch: () => Promise<PsaResult<T>>, snapshot: () => Promise<{ value: T; asOf: Date } | null>): Promise<Lookup<T>> {
    const pause = paused.get(key);
    if (pause && o.now() < pause.until) return staleFrom(pause.entry as Entry<T>);
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
      warnOnce(key, outcome === TIMED_OUT ? "time_budget" : outcome.error.code, "PSA answer not available: serving the last known one");
      pauseIfCircuitOpen(key, entry, outcome);
      return staleFrom(entry);
    }
    const fromSnapshot = await snapshot();
    if (fromSnapshot && o.now() - fromSnapshot.asOf.getTime() < o.maxStalenessMs) {
      warnOnce(key, outcome === TIMED_OUT ? "time_budget" : outcome.error.code, "PSA answer not available: serving the sync snapshot");
      // Kept as the last known answer, dated when the sync read it and never fresh (whatever the clocks say): the
      // next load of the outage serves it without reading the snapshot tables again. The PSA is still asked first,
      // and its answer replaces this one.
      const kept = { v: fromSnapshot.value, at: fromSnapshot.asOf.getTime(), expired: true };
      await write<T>(key, kept).catch(() => undefined);
      pauseIfCircuitOpen(key, kept, outcome);
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

  /** After a webhook or an admin's re-check: the next read asks the PSA, and the old answer stays as the fallback. */
  async function expire(key: string): Promise<void> {
    const entry = await read<unknown>(key);
    if (entry) await write(key, { ...entry, expired: true });
  }

  return { lookup, expire };
}

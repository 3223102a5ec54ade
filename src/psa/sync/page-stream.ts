import type { Page, PsaError, PsaResult } from "../../../connectors/types";

export interface PageStreamOptions {
  /** Waits before asking again after a rate limit or an open circuit; must return early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
  /** The longest wait for a PSA that says "not now" (429, our request budget, an open circuit) before giving up. */
  maxWaitMs: number;
  /** How many such waits one page may take. */
  maxWaits: number;
}

/** "Not now" answers: a 429 the HTTP client's own retries did not outlast, our request budget's share, an open circuit. */
const waitable = (error: PsaError) => error.code === "psa_rate_limited" || error.code === "psa_circuit_open";

/** One page, waiting out a PSA (or our own budget for it) that says "later" when the wait is short enough. */
async function fetchPage<T>(list: (cursor: string | null) => Promise<PsaResult<Page<T>>>, cursor: string | null, options: PageStreamOptions): Promise<PsaResult<Page<T>>> {
  for (let waits = 0; ; waits += 1) {
    const page = await list(cursor);
    if (page.ok || !waitable(page.error) || waits >= options.maxWaits) return page;
    const waitMs = Math.max(250, page.error.retryAfterMs ?? 1_000);
    if (waitMs > options.maxWaitMs || options.signal?.aborted) return page;
    await options.sleep(waitMs, options.signal);
    if (options.signal?.aborted) return page;
  }
}

/**
 * The pages of one listing, from `cursor` on, one at a time: never the whole listing in memory. While the caller
 * writes a page, the next one is already being fetched, so the PSA's latency and our writes overlap. Each page comes
 * with the cursor that resumes after it. A failed page ends the stream with its error.
 */
export async function* streamPages<T>(
  list: (cursor: string | null) => Promise<PsaResult<Page<T>>>,
  cursor: string | null,
  options: PageStreamOptions,
): AsyncGenerator<PsaResult<{ items: T[]; resumeCursor: string | null }>> {
  let pending = fetchPage(list, cursor, options);
  for (;;) {
    const page = await pending;
    if (!page.ok) {
      yield page;
      return;
    }
    const next = page.value.nextCursor;
    if (next && !options.signal?.aborted) pending = fetchPage(list, next, options);
    yield { ok: true, value: { items: page.value.items, resumeCursor: next } };
    if (!next || options.signal?.aborted) return;
  }
}

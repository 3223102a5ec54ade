import { createCircuitBreaker, type CircuitBreaker, type CircuitState } from "./circuit-breaker";
import { createConcurrencyLimit, type ConcurrencyLimit } from "./concurrency-limit";
import { createRequestBudget, type RequestBudget } from "./request-budget";

/** The mutable protection state for one PSA account: shared by every connector instance that talks to it. */
export interface Resilience {
  breaker: CircuitBreaker;
  limit: ConcurrencyLimit;
  budget: RequestBudget | null;
}

export type ResilienceStore = Map<string, Resilience>;

export interface ResilienceOptions {
  now: () => Date;
  failureThreshold: number;
  openMs: number;
  maxConcurrent: number;
  budget: { maxRequests: number; windowMs: number } | null;
  onCircuitChange?: (state: CircuitState) => void;
}

/** Returns the state stored under `key`, creating it on first use. */
export function obtainResilience(store: ResilienceStore, key: string, options: ResilienceOptions): Resilience {
  const existing = store.get(key);
  if (existing) return existing;
  const created: Resilience = {
    breaker: createCircuitBreaker({
      now: options.now,
      failureThreshold: options.failureThreshold,
      openMs: options.openMs,
      onChange: options.onCircuitChange,
    }),
    limit: createConcurrencyLimit(options.maxConcurrent),
    budget: options.budget ? createRequestBudget({ now: options.now, ...options.budget }) : null,
  };
  store.set(key, created);
  return created;
}

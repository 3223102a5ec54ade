/**
 * A circuit breaker (closed -> open -> half-open) with an injectable clock. Hand-written rather than
 * using opossum because opossum owns timeouts and timers itself; here the HTTP client already times
 * out each call and tests need to move the clock without waiting.
 */
export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open only one trial call is let through. */
  tryAcquire(): { allowed: true } | { allowed: false; retryAfterMs: number };
  recordSuccess(): void;
  recordFailure(): void;
  /** A call that neither succeeded nor failed the PSA (e.g. a 4xx): frees a half-open trial slot. */
  recordNeutral(): void;
  state(): CircuitState;
}

export interface CircuitBreakerOptions {
  now: () => Date;
  failureThreshold: number;
  openMs: number;
  onChange?: (state: CircuitState) => void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  let current: CircuitState = "closed";
  let consecutiveFailures = 0;
  let openedAt = 0;
  let trialInFlight = false;

  const moveTo = (next: CircuitState): void => {
    if (next === current) return;
    current = next;
    options.onChange?.(next);
  };
  const refresh = (): void => {
    if (current === "open" && options.now().getTime() - openedAt >= options.openMs) moveTo("half-open");
  };

  return {
    tryAcquire() {
      refresh();
      if (current === "closed") return { allowed: true };
      if (current === "half-open" && !trialInFlight) {
        trialInFlight = true;
        return { allowed: true };
      }
      const remaining = current === "open" ? openedAt + options.openMs - options.now().getTime() : options.openMs;
      return { allowed: false, retryAfterMs: Math.max(0, remaining) };
    },
    recordSuccess() {
      consecutiveFailures = 0;
      trialInFlight = false;
      moveTo("closed");
    },
    recordFailure() {
      trialInFlight = false;
      consecutiveFailures += 1;
      if (current === "half-open" || consecutiveFailures >= options.failureThreshold) {
        openedAt = options.now().getTime();
        moveTo("open");
      }
    },
    recordNeutral() {
      if (current === "half-open") {
        trialInFlight = false;
        consecutiveFailures = 0;
        moveTo("closed");
      }
    },
    state() {
      refresh();
      return current;
    },
  };
}

import { createCircuitBreaker } from "../../../../connectors/shared/circuit-breaker";
import { createConcurrencyLimit } from "../../../../connectors/shared/concurrency-limit";
import { createRequestBudget } from "../../../../connectors/shared/request-budget";
import { computeBackoffMs, isRetryableStatus, parseRetryAfterMs } from "../../../../connectors/shared/retry-policy";

function makeClock() {
  let nowMs = 0;
  return { now: () => new Date(nowMs), advance: (ms: number) => (nowMs += ms) };
}

describe("retry policy", () => {
  it("retries 429 and 5xx only", () => {
    expect([400, 401, 403, 404, 409, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([429, 500, 502, 503]);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = new Date("2025-06-01T12:00:00Z");
    expect(parseRetryAfterMs("30", now)).toBe(30_000);
    expect(parseRetryAfterMs("Sun, 01 Jun 2025 12:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfterMs("soon", now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(computeBackoffMs(0, () => 0)).toBe(125);
    expect(computeBackoffMs(0, () => 0.999)).toBeLessThanOrEqual(250);
    expect(computeBackoffMs(3, () => 0)).toBe(1000);
    expect(computeBackoffMs(20, () => 1)).toBe(8000);
  });
});

describe("circuit breaker", () => {
  it("opens after the threshold, lets one trial through when half-open, and closes on success", () => {
    const clock = makeClock();
    const changes: string[] = [];
    const breaker = createCircuitBreaker({ now: clock.now, failureThreshold: 2, openMs: 1000, onChange: (state) => changes.push(state) });
    breaker.recordFailure();
    expect(breaker.state()).toBe("closed");
    breaker.recordFailure();
    expect(breaker.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 1000 });
    clock.advance(1000);
    expect(breaker.tryAcquire()).toEqual({ allowed: true });
    expect(breaker.tryAcquire().allowed).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state()).toBe("closed");
    expect(changes).toEqual(["open", "half-open", "closed"]);
  });

  it("a success resets the failure count", () => {
    const breaker = createCircuitBreaker({ now: makeClock().now, failureThreshold: 2, openMs: 1000 });
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    expect(breaker.state()).toBe("closed");
  });
});

describe("request budget", () => {
  it("allows N requests per sliding window and says when the next is free", () => {
    const clock = makeClock();
    const budget = createRequestBudget({ now: clock.now, maxRequests: 2, windowMs: 60_000 });
    expect(budget.take()).toEqual({ ok: true });
    clock.advance(10_000);
    expect(budget.take()).toEqual({ ok: true });
    expect(budget.take()).toEqual({ ok: false, retryAfterMs: 50_000 });
    clock.advance(50_000);
    expect(budget.take()).toEqual({ ok: true });
    expect(budget.remaining()).toBe(0);
  });
});

describe("concurrency limit", () => {
  it("never runs more than the cap at once", async () => {
    const limit = createConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => limit.run(task)));
    expect(peak).toBe(2);
    expect(limit.active()).toBe(0);
  });

  it("releases the slot when a task throws", async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit.run(async () => Promise.reject(new Error("bug")))).rejects.toThrow("bug");
    await expect(limit.run(async () => "ok")).resolves.toBe("ok");
  });
});

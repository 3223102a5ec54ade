import { RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { Counter } from "./store";

/** Adapts a rate-limiter-flexible limiter (memory or Redis, atomic in both) to the Counter interface. */
export function counterFromLimiter(limiter: RateLimiterAbstract): Counter {
  const toState = (res: RateLimiterRes) => ({ consumed: res.consumedPoints, msBeforeReset: res.msBeforeNext });
  return {
    async get(key) {
      const res = await limiter.get(key);
      return res ? toState(res) : null;
    },
    async hit(key) {
      return toState(await limiter.penalty(key, 1));
    },
    async take(key) {
      // consume() counts and compares in one step (a Lua script on Redis); it rejects with the state when over.
      try {
        return { taken: true, state: toState(await limiter.consume(key, 1)) };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { taken: false, state: toState(refusal) };
        throw refusal;
      }
    },
    async giveBack(key) {
      await limiter.reward(key, 1);
    },
    async block(key, seconds) {
      await limiter.block(key, seconds);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

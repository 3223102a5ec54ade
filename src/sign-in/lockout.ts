import type { Config } from "../../config";
import type { EffectiveFirmPolicy } from "../../config/firm-settings";
import type { Counter, KeyValueStore } from "../platform/kv/store";
import { lockouts } from "../platform/metrics/metrics";

/**
 * Two brakes on guessing, both counted in the store so every gateway instance shares them on Redis:
 * - per firm + email: after N failures in the window, sign-in for that email is locked for a while, even
 *   with the right password. Unknown emails are counted the same way, so a lock says nothing about
 *   whether an account exists.
 * - per IP: many failures across many emails from one address (password spraying) stop that address.
 */
export interface LockState {
  locked: boolean;
  until?: Date;
}

export interface Lockout {
  emailState(firmId: string, email: string, policy: EffectiveFirmPolicy): Promise<LockState>;
  ipState(ip: string): Promise<LockState>;
  recordFailure(firmId: string, email: string, ip: string, policy: EffectiveFirmPolicy): Promise<void>;
  recordSuccess(firmId: string, email: string, policy: EffectiveFirmPolicy): Promise<void>;
}

export function createLockout(store: KeyValueStore, config: Config, now: () => number = Date.now): Lockout {
  // One counter per distinct threshold: firms may set their own, and rate-limiter-flexible fixes the limit per limiter.
  const emailCounters = new Map<number, Counter>();
  const emailCounter = (points: number) => {
    let counter = emailCounters.get(points);
    if (!counter) {
      counter = store.counter({ name: `signin-email-${points}`, points, windowSeconds: config.LOCKOUT_WINDOW_MINUTES * 60 });
      emailCounters.set(points, counter);
    }
    return counter;
  };
  const ipCounter = store.counter({ name: "signin-ip", points: config.IP_MAX_FAILURES, windowSeconds: config.IP_WINDOW_MINUTES * 60 });
  const emailKey = (firmId: string, email: string) => `${firmId}:${email}`;
  const stateOf = (consumed: number, points: number, msBeforeReset: number): LockState =>
    consumed > points ? { locked: true, until: new Date(now() + msBeforeReset) } : { locked: false };

  return {
    async emailState(firmId, email, policy) {
      const state = await emailCounter(policy.lockoutMaxFailures).get(emailKey(firmId, email));
      return state ? stateOf(state.consumed, policy.lockoutMaxFailures, state.msBeforeReset) : { locked: false };
    },
    async ipState(ip) {
      const state = await ipCounter.get(ip);
      return state ? stateOf(state.consumed, config.IP_MAX_FAILURES, state.msBeforeReset) : { locked: false };
    },
    async recordFailure(firmId, email, ip, policy) {
      const counter = emailCounter(policy.lockoutMaxFailures);
      const key = emailKey(firmId, email);
      const state = await counter.hit(key);
      if (state.consumed >= policy.lockoutMaxFailures) {
        await counter.block(key, policy.lockoutDurationMinutes * 60);
        if (state.consumed === policy.lockoutMaxFailures) lockouts.inc({ kind: "email" });
      }
      const ipState = await ipCounter.hit(ip);
      if (ipState.consumed >= config.IP_MAX_FAILURES) {
        await ipCounter.block(ip, config.IP_WINDOW_MINUTES * 60);
        if (ipState.consumed === config.IP_MAX_FAILURES) lockouts.inc({ kind: "ip" });
      }
    },
    async recordSuccess(firmId, email, policy) {
      await emailCounter(policy.lockoutMaxFailures).reset(emailKey(firmId, email));
    },
  };
}

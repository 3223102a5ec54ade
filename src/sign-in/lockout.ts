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
 * An attempt is counted before its password is checked, atomically in the store (`take`), and given back when
 * the password was right: however many attempts arrive at once, at most N passwords are checked per email.
 */
export interface LockState {
  locked: boolean;
  until?: Date;
}

export interface AttemptScope {
  firmId: string;
  /** The email as normalized, or "staff:<email>" for staff (kept apart from a client of the same address). */
  key: string;
  ip: string;
  policy: EffectiveFirmPolicy;
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date };

export interface Lockout {
  emailState(firmId: string, email: string, policy: EffectiveFirmPolicy): Promise<LockState>;
  /**
   * Run `check` (the password check) as one counted attempt: refused without running it when the IP or the email
   * is at its limit; a `passed: false` counts as a failure (and locks at the limit), `passed: true` clears the
   * email's failures, and a check that throws (the database down) counts as nothing.
   */
  attempt<T extends { passed: boolean }>(scope: AttemptScope, check: () => Promise<T>): Promise<Attempt<T>>;
  /** End a lockout now (the console's "Unlock sign-in now"). */
  clear(firmId: string, email: string, policy: EffectiveFirmPolicy): Promise<void>;
}

export function createLockout(store: KeyValueStore, config: Config, now: () => number = Date.now): Lockout {
  // One counter per distinct threshold and window: firms may set their own (Settings > Sign-in security), and
  // rate-limiter-flexible fixes both per limiter.
  const emailCounters = new Map<string, Counter>();
  const emailCounter = (policy: Pick<EffectiveFirmPolicy, "lockoutMaxFailures" | "lockoutWindowMinutes">) => {
    const { lockoutMaxFailures: points, lockoutWindowMinutes: window } = policy;
    const name = window === config.LOCKOUT_WINDOW_MINUTES ? `signin-email-${points}` : `signin-email-${points}-${window}m`;
    let counter = emailCounters.get(name);
    if (!counter) {
      counter = store.counter({ name, points, windowSeconds: window * 60 });
      emailCounters.set(name, counter);
    }
    return counter;
  };
  const ipCounter = store.counter({ name: "signin-ip", points: config.IP_MAX_FAILURES, windowSeconds: config.IP_WINDOW_MINUTES * 60 });
  const emailKey = (firmId: string, email: string) => `${firmId}:${email}`;
  const until = (msBeforeReset: number) => new Date(now() + msBeforeReset);

  return {
    async emailState(firmId, email, policy) {
      const state = await emailCounter(policy).get(emailKey(firmId, email));
      return state && state.consumed > policy.lockoutMaxFailures ? { locked: true, until: until(state.msBeforeReset) } : { locked: false };
    },
    async attempt(scope, check) {
      const { policy, ip } = scope;
      const counter = emailCounter(policy);
      const key = emailKey(scope.firmId, scope.key);
      const fromIp = await ipCounter.take(ip);
      if (!fromIp.taken) return { ok: false, reason: "fail_ip_limited", until: until(fromIp.state.msBeforeReset) };
      const forEmail = await counter.take(key);
      if (!forEmail.taken) {
        await ipCounter.giveBack(ip);
        return { ok: false, reason: "fail_locked", until: until(forEmail.state.msBeforeReset) };
      }
      const value = await check().catch(async (error: unknown) => {
        await Promise.allSettled([counter.giveBack(key), ipCounter.giveBack(ip)]);
        throw error;
      });
      if (value.passed) {
        await Promise.all([counter.reset(key), ipCounter.giveBack(ip)]);
      } else {
        // The point taken stays: it is this failure. At the limit, the lock lasts its own duration from now.
        if (forEmail.state.consumed >= policy.lockoutMaxFailures) {
          await counter.block(key, policy.lockoutDurationMinutes * 60);
          if (forEmail.state.consumed === policy.lockoutMaxFailures) lockouts.inc({ kind: "email" });
        }
        if (fromIp.state.consumed >= config.IP_MAX_FAILURES) {
          await ipCounter.block(ip, config.IP_WINDOW_MINUTES * 60);
          if (fromIp.state.consumed === config.IP_MAX_FAILURES) lockouts.inc({ kind: "ip" });
        }
      }
      return { ok: true, value };
    },
    async clear(firmId, email, policy) {
      await emailCounter(policy).reset(emailKey(firmId, email));
    },
  };
}

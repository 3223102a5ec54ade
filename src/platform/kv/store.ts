/**
 * The one small interface for shared, short-lived state: cached values, locks and counters. Redis when
 * REDIS_URL is set (shared by every gateway instance), in-process otherwise (one instance, e.g. the demo).
 */
export interface CounterState {
  /** How many hits are counted in the current window (more than the limit once blocked). */
  consumed: number;
  /** Milliseconds until the window (or the block) ends. */
  msBeforeReset: number;
}

export interface Counter {
  /** Current state, or null when nothing is counted for the key. */
  get(key: string): Promise<CounterState | null>;
  /** Count one hit and return the new state. Never rejects on exceeding the limit: callers decide. */
  hit(key: string): Promise<CounterState>;
  /**
   * Take one point if the limit allows it, in one atomic step in the store (so however many callers race, at
   * most `points` are given out per window): `taken` false when the key is at its limit or blocked.
   */
  take(key: string): Promise<{ taken: boolean; state: CounterState }>;
  /** Give back a point taken (what it was taken for did not happen, or does not count). */
  giveBack(key: string): Promise<void>;
  /** Block the key for `seconds`: get() then reports consumed above the limit until it ends. */
  block(key: string, seconds: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface CounterOptions {
  /** Namespace for the keys, e.g. "signin-email". Counters of one name share their counts, as on Redis. */
  name: string;
  /** The limit; a blocked key reports consumed = points + 1. */
  points: number;
  windowSeconds: number;
}

export interface KeyValueStore {
  readonly kind: "redis" | "memory";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Set only if absent (a lock); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Delete only if the value is still `value` (releasing a lock one still holds). */
  deleteIfEquals(key: string, value: string): Promise<void>;
  /** Give the key a new lifetime only if its value is still `value` (renewing a lock one still holds); false when lost. */
  extendIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  counter(options: CounterOptions): Counter;
  ping(): Promise<void>;
  close(): Promise<void>;
}

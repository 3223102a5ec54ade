import type { ConnectorDeps } from "../../../../connectors/registry";

/** Deps for tests: no real waiting (sleeps are recorded), a clock the test moves, no jitter. */
export function makeTestDeps(overrides: ConnectorDeps = {}) {
  const sleeps: number[] = [];
  let nowMs = Date.parse("2025-06-01T12:00:00Z");
  const deps: ConnectorDeps = {
    now: () => new Date(nowMs),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    timeoutMs: 1_000,
    maxRetries: 3,
    ...overrides,
  };
  return {
    deps,
    sleeps,
    advanceClock(ms: number) {
      nowMs += ms;
    },
  };
}

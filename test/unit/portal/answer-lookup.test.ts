import { createAnswerLookup } from "../../../src/portal/answer-lookup";
import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { createLogger } from "../../../src/platform/logger";

// The fallback chain during a PSA outage with nothing cached: the sync snapshot answers once, and the rest of the
// outage is served from that answer, kept as the last known one, with one warning per key.
function outage(error: { code: "psa_unavailable" | "psa_circuit_open"; retryAfterMs?: number } = { code: "psa_unavailable" }) {
  let clock = Date.now();
  const lines: Array<{ level: number; msg: string; key?: string }> = [];
  const logger = createLogger("warn", { write: (line: string) => void lines.push(JSON.parse(line)) });
  const lookup = createAnswerLookup({ store: createMemoryStore(), logger, now: () => clock, cacheTtlMs: 60_000, timeBudgetMs: 50, maxStalenessMs: 24 * 3_600_000 });
  const asOf = new Date(Date.now() - 3_600_000);
  let snapshotReads = 0;
  let psaCalls = 0;
  const ask = (key: string) =>
    lookup.lookup(
      key,
      async () => {
        psaCalls++;
        return { ok: false as const, error: { ...error, message: "not answering" } };
      },
      async () => {
        snapshotReads++;
        return { value: `answer for ${key}`, asOf };
      },
    );
  return { ask, lines, asOf, counts: () => ({ snapshotReads, psaCalls }), advance: (ms: number) => (clock += ms) };
}

test("the snapshot is read once per key; later loads serve the same answer, still stale and dated when the sync read it", async () => {
  const o = outage();
  for (let i = 0; i < 5; i++) {
    expect(await o.ask("acc:firm:cw:jane@acme.com")).toEqual({ ok: true, value: "answer for acc:firm:cw:jane@acme.com", asOf: o.asOf, stale: true, source: i === 0 ? "snapshot" : "cache" });
  }
  // The PSA is still asked on every load (its answer would replace the kept one); the snapshot tables only once.
  expect(o.counts()).toEqual({ snapshotReads: 1, psaCalls: 5 });
});

test("an outage logs each key's fallback once, not once per page load", async () => {
  const o = outage();
  for (let i = 0; i < 5; i++) await o.ask("acc:firm:cw:jane@acme.com");
  for (let i = 0; i < 3; i++) await o.ask("acc:firm:cw:omar@acme.com");
  const warnings = o.lines.filter((line) => line.msg.startsWith("PSA answer not available"));
  expect(warnings.map((line) => line.key)).toEqual(["acc:firm:cw:jane@acme.com", "acc:firm:cw:omar@acme.com"]);
});

test("while the circuit is open, loads within its next try (a second at most) serve the kept answer without asking again", async () => {
  const o = outage({ code: "psa_circuit_open", retryAfterMs: 25_000 });
  for (let i = 0; i < 5; i++) expect(await o.ask("acc:firm:cw:jane@acme.com")).toMatchObject({ ok: true, stale: true, asOf: o.asOf });
  expect(o.counts()).toEqual({ snapshotReads: 1, psaCalls: 1 });
  o.advance(1_001);
  expect(await o.ask("acc:firm:cw:jane@acme.com")).toMatchObject({ ok: true, stale: true, asOf: o.asOf });
  expect(o.counts()).toEqual({ snapshotReads: 1, psaCalls: 2 });
});

import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { createSingleFlight } from "../../../src/platform/kv/single-flight";

describe("single flight", () => {
  test("concurrent callers in one process share one run", async () => {
    const share = createSingleFlight(createMemoryStore());
    let runs = 0;
    const work = async () => (runs++, await new Promise((r) => setTimeout(r, 20)), "answer");
    const results = await Promise.all(Array.from({ length: 10 }, () => share("k", work, { lockMs: 1000, readShared: async () => null })));
    expect(results).toEqual(Array(10).fill("answer"));
    expect(runs).toBe(1);
  });

  test("a second instance waits for the holder's stored answer instead of running again, even when the lock goes just after the answer lands", async () => {
    const store = createMemoryStore(); // one store shared by two "instances"
    const first = createSingleFlight(store);
    const second = createSingleFlight(store);
    let runs = 0;
    let stored: string | null = null;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
      stored = "answer";
      return "answer";
    };
    // The reader sees the stored answer only on its second look after it was stored: the race the holder's
    // "store, then release" order must not lose.
    let looksAfterStored = 0;
    const readShared = async () => (stored !== null && ++looksAfterStored > 1 ? stored : null);
    const results = await Promise.all([first("k", work, { lockMs: 1000, readShared: async () => null, pollMs: 5 }), second("k", work, { lockMs: 1000, readShared, pollMs: 5 })]);
    expect(results).toEqual(["answer", "answer"]);
    expect(runs).toBe(1);
  });

  test("when the holder stores nothing (a failure), a waiter runs the work itself", async () => {
    const store = createMemoryStore();
    const first = createSingleFlight(store);
    const second = createSingleFlight(store);
    let runs = 0;
    const work = async () => (runs++, await new Promise((r) => setTimeout(r, 20)), "done");
    await Promise.all([first("k", work, { lockMs: 1000, readShared: async () => null, pollMs: 5 }), second("k", work, { lockMs: 1000, readShared: async () => null, pollMs: 5 })]);
    expect(runs).toBe(2);
  });
});

import { createConcurrencyLimit } from "../../../../connectors/shared/concurrency-limit";
import { createRequestBudget } from "../../../../connectors/shared/request-budget";

describe("page loads before background work", () => {
  test("background work spends at most its share of the budget and is told when its share frees up", () => {
    let nowMs = 0;
    const budget = createRequestBudget({ now: () => new Date(nowMs), maxRequests: 10, windowMs: 60_000 });
    const background = { background: 0.3 };
    for (let i = 0; i < 3; i++) {
      expect(budget.take(background)).toEqual({ ok: true });
      nowMs += 1_000;
    }
    expect(budget.take(background)).toEqual({ ok: false, retryAfterMs: 57_000 });
    for (let i = 0; i < 7; i++) expect(budget.take()).toEqual({ ok: true });
    expect(budget.take()).toMatchObject({ ok: false });
    expect(budget.remaining()).toBe(0);
  });

  test("a waiting page load goes before waiting background work, and background work never takes the last slot", async () => {
    const limit = createConcurrencyLimit(2);
    const order: string[] = [];
    const gates: Array<() => void> = [];
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        order.push(name);
        gates.push(resolve);
      });
    const first = limit.run(task("sync-1"), "background");
    const second = limit.run(task("sync-2"), "background"); // waits: the second slot stays free for page loads
    const page1 = limit.run(task("page-1"));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["sync-1", "page-1"]);
    const page2 = limit.run(task("page-2")); // both slots busy: waits, but ahead of sync-2
    gates.shift()?.();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["sync-1", "page-1", "page-2"]);
    while (gates.length) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([second, page1, page2]);
    expect(order).toEqual(["sync-1", "page-1", "page-2", "sync-2"]);
  });
});

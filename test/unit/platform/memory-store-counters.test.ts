import { loadConfig } from "../../../config";
import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { createLockout } from "../../../src/sign-in/lockout";

// The in-process store counts like Redis: counters of one name are one set of counts, so every part of the app
// that counts sign-in failures per IP adds to the same limit (the staff sign-in once had a limit of its own).
describe("the in-process store's counters", () => {
  test("two counters of one name share their counts", async () => {
    const store = createMemoryStore();
    const a = store.counter({ name: "shared", points: 3, windowSeconds: 60 });
    const b = store.counter({ name: "shared", points: 3, windowSeconds: 60 });
    await a.hit("k");
    await b.hit("k");
    expect((await a.get("k"))?.consumed).toBe(2);
  });

  test("two lockouts on one store share the per-IP limit", async () => {
    const config = loadConfig({ IP_MAX_FAILURES: "4" });
    const store = createMemoryStore();
    const clients = createLockout(store, config);
    const staff = createLockout(store, config);
    const policy = { passwordMinLength: 12, lockoutMaxFailures: 5, lockoutWindowMinutes: 15, lockoutDurationMinutes: 15 };
    for (const [lockout, email] of [[clients, "a@x.test"], [clients, "b@x.test"], [staff, "staff:c@x.test"], [staff, "staff:d@x.test"]] as const) {
      expect((await lockout.attempt({ firmId: "f", key: email, ip: "203.0.113.5", policy }, async () => ({ passed: false }))).ok).toBe(true);
    }
    const refused = await clients.attempt({ firmId: "f", key: "e@x.test", ip: "203.0.113.5", policy }, async () => ({ passed: true }));
    expect(refused).toMatchObject({ ok: false, reason: "fail_ip_limited" });
  });
});

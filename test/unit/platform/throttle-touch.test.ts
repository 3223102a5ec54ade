import session from "express-session";
import type { SessionData } from "express-session";
import { throttleTouch } from "../../../src/platform/session-store";

/** A store that records which writes reached it (the in-memory store is fine here: nothing is served). */
function countingStore() {
  const store = new session.MemoryStore();
  const reached: string[] = [];
  const touch = store.touch.bind(store);
  store.touch = (sid, sess, callback) => {
    reached.push(`touch:${sid}`);
    touch(sid, sess, callback);
  };
  return { store, reached };
}

const sess = { cookie: { originalMaxAge: 3_600_000, expires: new Date(Date.now() + 3_600_000) } } as unknown as SessionData;
const touchNow = (store: session.Store, sid: string) => new Promise<void>((resolve) => store.touch?.(sid, sess, () => resolve()));
const saveNow = (store: session.Store, sid: string) => new Promise<void>((resolve) => store.set(sid, sess, () => resolve()));

describe("session expiry is written at most once a minute per session", () => {
  test("loads within the interval reach the store once; the next one after it does again", async () => {
    let clock = 1_000_000;
    const { store, reached } = countingStore();
    throttleTouch(store, 60_000, () => clock);
    await saveNow(store, "a");
    for (let i = 0; i < 5; i++) {
      clock += 10_000;
      await touchNow(store, "a");
    }
    expect(reached).toEqual([]); // the save itself wrote the expiry 50 s ago
    clock += 11_000;
    await touchNow(store, "a");
    await touchNow(store, "a");
    expect(reached).toEqual(["touch:a"]);
  });

  test("each session has its own interval, and a destroyed session starts over", async () => {
    let clock = 0;
    const { store, reached } = countingStore();
    throttleTouch(store, 60_000, () => clock);
    await touchNow(store, "a");
    await touchNow(store, "b");
    await touchNow(store, "a");
    expect(reached).toEqual(["touch:a", "touch:b"]);
    await new Promise<void>((resolve) => store.destroy("a", () => resolve()));
    clock += 1;
    await touchNow(store, "a");
    expect(reached).toEqual(["touch:a", "touch:b", "touch:a"]);
  });

  test("a failed write is retried on the next load instead of waiting out the interval", async () => {
    const store = new session.MemoryStore();
    let fail = true;
    let attempts = 0;
    store.touch = (_sid, _sess, callback) => {
      attempts++;
      (callback as (error?: Error) => void)(fail ? new Error("store down") : undefined);
    };
    throttleTouch(store, 60_000, () => 0);
    const errors: unknown[] = [];
    const touchOnce = () => new Promise<void>((resolve) => store.touch?.("a", sess, ((error?: unknown) => (errors.push(error), resolve())) as () => void));
    await touchOnce();
    fail = false;
    await touchOnce();
    await touchOnce();
    expect(attempts).toBe(2);
    expect(errors.map((e) => (e instanceof Error ? e.message : e))).toEqual(["store down", undefined, undefined]);
  });
});

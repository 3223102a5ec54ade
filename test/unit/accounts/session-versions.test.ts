import { changeAccounts } from "../../../src/accounts/change-account";
import { createSessionVersions, sessionVersionKey } from "../../../src/accounts/session-versions";
import { createMemoryStore } from "../../../src/platform/kv/memory-store";
import { newSessionId, sessionOwner } from "../../../src/platform/session-store";

const account = { kind: "portal" as const, id: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11" };

describe("session versions", () => {
  test("a change is 'changing' while it is written, and gets a version no reader saw once it is done", async () => {
    const store = createMemoryStore();
    const versions = createSessionVersions(store, 60_000);
    const before = await versions.labelFor(account, null);
    expect(before).toEqual(expect.any(String));
    let during: string | null = "unread";
    await changeAccounts(versions, [account], async () => {
      during = await store.get(sessionVersionKey(account));
      // A reader in the middle of the change keeps no copy of the row.
      expect(await versions.labelFor(account, during)).toBeNull();
    });
    expect(during).toBe("changing");
    const after = await store.get(sessionVersionKey(account));
    expect(after).not.toBeNull();
    expect([before, "changing"]).not.toContain(after);
  });

  test("a failed write still renews the version, and the failure reaches the caller", async () => {
    const store = createMemoryStore();
    const versions = createSessionVersions(store, 60_000);
    const seen = await versions.labelFor(account, null);
    await expect(changeAccounts(versions, [account], async () => Promise.reject(new Error("write failed")))).rejects.toThrow("write failed");
    expect(await store.get(sessionVersionKey(account))).not.toBe(seen);
    expect(await store.get(sessionVersionKey(account))).not.toBe("changing");
  });

  test("when the store cannot be told, nothing is written", async () => {
    const store = createMemoryStore();
    store.set = async () => Promise.reject(new Error("store down"));
    const write = jest.fn(async () => "written");
    await expect(changeAccounts(createSessionVersions(store, 60_000), [account], write)).rejects.toThrow("store down");
    expect(write).not.toHaveBeenCalled();
  });

  test("a version missing from the store is created afresh, once, for every reader", async () => {
    const store = createMemoryStore();
    const versions = createSessionVersions(store, 60_000);
    const [first, second] = await Promise.all([versions.labelFor(account, null), versions.labelFor(account, null)]);
    expect(first).toEqual(expect.any(String));
    expect(second).toBe(first);
  });
});

describe("session ids name their owner", () => {
  test("a signed-in session's id names its account; an anonymous one names nobody", () => {
    const owned = newSessionId(account);
    expect(sessionOwner(owned)).toEqual(account);
    expect(sessionOwner(newSessionId({ kind: "staff", id: account.id }))).toEqual({ kind: "staff", id: account.id });
    expect(sessionOwner(newSessionId())).toBeNull();
    expect(newSessionId(account)).not.toBe(owned);
    // 24 random bytes follow the owner: the id is as hard to guess as express-session's own.
    expect(owned.split(".")[2]).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  test("ids that do not follow the form name nobody (never a query with a bad id)", () => {
    for (const sid of ["p.not-a-uuid.abc", `x.${account.id}.abc`, `p.${account.id}`, `p.${account.id}.abc.def`, "", "...", `p.${account.id.toUpperCase()}.abc`]) {
      expect(sessionOwner(sid)).toBeNull();
    }
  });
});

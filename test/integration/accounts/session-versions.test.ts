import request from "supertest";
import { Pool } from "pg";
import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { changeClientAccess } from "../../../src/accounts/use-cases/change-account-access";
import { sessionVersionKey } from "../../../src/accounts/session-versions";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { cookieOf, issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

/*
 * Every change that must end access ends an open session on its next request, whichever of two gateway
 * instances (one database, one store) made the change and whichever serves the request: on PGlite with sessions
 * in PostgreSQL (npm test) and on PostgreSQL + Redis with sessions in Redis (npm run test:services).
 */

let a: TestGateway;
let b: TestGateway;
let firm: Firm;
let base: string;
// A clock the test moves, so "a copy of the account is at most a few seconds old" never depends on timing.
let clock = Date.parse("2026-12-05T10:00:00Z");

beforeAll(async () => {
  const first = await startTestGateway({ now: () => clock });
  a = first;
  b = await startTestGateway({ share: { database: first.database, keyPrefix: first.keyPrefix }, now: () => clock });
  firm = await createFirm(a.db);
  base = `/portal/${firm.slug}`;
});
afterAll(async () => {
  await b.close();
  await a.close();
});

/** A browser's session cookie, signed in through instance `gw`. */
async function sessionOn(gw: TestGateway, email: string): Promise<string> {
  const res = await signIn(gw.agent(), base, email, TEST_PASSWORD);
  expect(res.status).toBe(303);
  return cookieOf(res) as string;
}

const load = (gw: TestGateway, path: string, cookie: string) => request(gw.app).get(`${base}${path}`).set("Cookie", cookie);

/**
 * Two sessions of one account, one used on each instance (so each instance holds what it read), checked to work;
 * `change` runs; then each session's next request is refused on its own instance.
 */
async function expectEndedEverywhere(email: string, path: string, change: () => Promise<unknown>): Promise<void> {
  const onA = await sessionOn(a, email);
  const onB = await sessionOn(b, email);
  for (let i = 0; i < 2; i++) {
    expect((await load(a, path, onA)).status).toBe(200);
    expect((await load(b, path, onB)).status).toBe(200);
  }
  await change();
  expect((await load(a, path, onA)).status).toBe(303);
  expect((await load(b, path, onB)).status).toBe(303);
}

async function staffAgent(gw: TestGateway) {
  const staff = await createStaffAccount(a.db, firm, { role: "admin", email: `admin-${Date.now()}-${Math.random().toString(36).slice(2)}@firm.example` });
  const agent = gw.agent();
  const page = await agent.get(`${base}/admin/login`);
  expect((await agent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(page.text), email: staff.email, password: TEST_PASSWORD })).status).toBe(303);
  return agent;
}

async function consoleAction(gw: TestGateway, account: PortalAccount, action: string, form: Record<string, string> = {}) {
  const agent = await staffAgent(gw);
  const page = await agent.get(`${base}/admin/clients`).query({ email: account.email });
  const res = await agent.post(`${base}/admin/clients/${account.id}/${action}`).type("form").send({ _csrf: csrfFrom(page.text), ...form });
  expect(res.status).toBe(200);
}

describe("a change that must end access ends every open session on its next request, on both instances", () => {
  test("access turned off on the console (instance B)", async () => {
    const account = await createPortalAccount(a.db, firm);
    await expectEndedEverywhere(account.email, "/", () => consoleAction(b, account, "access", { access: "off", reason: "left the company", confirm: "yes" }));
  });

  test("access turned off by the PSA sync (the accounts use-case it calls, with the PSA's reason)", async () => {
    const account = await createPortalAccount(a.db, firm);
    await expectEndedEverywhere(account.email, "/", () => changeClientAccess(a, { account, change: { turn: "off", reason: "psa_archived" }, by: "psa-sync" }));
  });

  test("signed out everywhere by staff on the console", async () => {
    const account = await createPortalAccount(a.db, firm);
    await expectEndedEverywhere(account.email, "/", () => consoleAction(a, account, "sign-out"));
    // Signing in again works: the account itself is untouched.
    expect((await load(a, "/", await sessionOn(a, account.email))).status).toBe(200);
  });

  test("a client signed out everywhere is told why on the sign-in page, without a word about a password change", async () => {
    const account = await createPortalAccount(a.db, firm);
    const agent = a.agent();
    expect((await signIn(agent, base, account.email, TEST_PASSWORD)).status).toBe(303);
    await consoleAction(b, account, "sign-out");
    expect((await agent.get(`${base}/`)).status).toBe(303);
    const page = await agent.get(`${base}/login`);
    expect(page.text).toContain(`You were signed out because your password was changed or ${firm.name} signed you out everywhere.`);
    expect(page.text).not.toContain("password for your account was changed");
  });

  test("a password reset through a reset link (used on instance B)", async () => {
    const account = await createPortalAccount(a.db, firm);
    await expectEndedEverywhere(account.email, "/", async () => {
      const { path } = await issueLinkPath(a, firm, account, "reset");
      expect((await request(b.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(200);
    });
  });

  test("a staff member's password reset ends their console sessions", async () => {
    const staff = await createStaffAccount(a.db, firm, { role: "admin", email: `reset-${Date.now()}@firm.example` });
    const sessions = [];
    for (const gw of [a, b]) {
      const agent = gw.agent();
      const page = await agent.get(`${base}/admin/login`);
      const res = await agent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(page.text), email: staff.email, password: TEST_PASSWORD });
      sessions.push({ gw, cookie: cookieOf(res) as string });
    }
    for (const { gw, cookie } of sessions) expect((await load(gw, "/admin", cookie)).status).toBe(200);
    const { path } = await issueLinkPath(a, firm, staff, "reset", { staff: true });
    expect((await request(a.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(200);
    for (const { gw, cookie } of sessions) expect((await load(gw, "/admin", cookie)).status).toBe(303);
  });
});

describe("where the session's account comes from", () => {
  // On Redis sessions this reads the account because its version is missing; on PostgreSQL sessions every session
  // read joins the account's row, so the same outcome holds without the version (test:services runs the Redis case).
  test("a version missing from the store (evicted, Redis restarted) means a database read, never 'valid'", async () => {
    const account = await createPortalAccount(a.db, firm);
    const cookie = await sessionOn(a, account.email);
    expect((await load(a, "/", cookie)).status).toBe(200);
    expect((await load(a, "/", cookie)).status).toBe(200);
    // The version is gone, and the account is turned off by a write that could not bump it (psql by hand).
    await a.store.delete(sessionVersionKey({ kind: "portal", id: account.id }));
    await a.db.$executeRaw`UPDATE "PortalAccount" SET status = 'disabled' WHERE id = ${account.id}::uuid`;
    expect((await load(a, "/", cookie)).status).toBe(303);
  });

  test("a signed-in page load reads no account row on its own: it comes with the session read", async () => {
    const account = await createPortalAccount(a.db, firm);
    const cookie = await sessionOn(a, account.email);
    expect((await load(a, "/api/projects", cookie)).status).toBe(200); // the first load after sign-in may read it
    const spy = jest.spyOn(Pool.prototype, "query");
    try {
      for (let i = 0; i < 5; i++) expect((await load(a, "/api/projects", cookie)).status).toBe(200);
      const sql = spy.mock.calls.map(([query]) => (typeof query === "string" ? query : String((query as { text?: string }).text)));
      expect(sql.filter((text) => /^SELECT \* FROM "PortalAccount"/.test(text))).toHaveLength(0);
      // Sessions in PostgreSQL: one statement brings the session and its account together.
      const joined = sql.filter((text) => text.includes(`LEFT JOIN "PortalAccount"`));
      expect(joined).toHaveLength(process.env.TEST_REDIS_URL ? 0 : 5);
    } finally {
      spy.mockRestore();
    }
    // A copy of the account is re-read from the database once it is a few seconds old.
    clock += 10_000;
    const spyAgain = jest.spyOn(Pool.prototype, "query");
    try {
      expect((await load(a, "/api/projects", cookie)).status).toBe(200);
      const reads = spyAgain.mock.calls.filter(([query]) => /"PortalAccount"/.test(typeof query === "string" ? query : ""));
      expect(reads).toHaveLength(1);
    } finally {
      spyAgain.mockRestore();
    }
  });
});

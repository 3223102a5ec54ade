import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createTestDatabase } from "../../helpers/test-database";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

const reasons = async (gw: TestGateway, firmId: string, email: string) =>
  (await gw.db.signInEvent.findMany({ where: { firmId, emailNormalized: email }, orderBy: { at: "asc" } })).map((e) => e.reason);

describe("lockout per firm and email", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  test("five failures lock the email for 15 minutes, even with the right password, and say until when, in the firm's zone", async () => {
    const firm = await createFirm(gw.db, { settings: { timeZone: "America/Los_Angeles" } });
    const base = `/portal/${firm.slug}`;
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 5; i++) expect((await signIn(gw.agent(), base, account.email, `wrong password ${i}`)).status).toBe(401);

    const locked = await signIn(gw.agent(), base, account.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/paused until \d{1,2}:\d\d [AP]M P[SD]T/);
    expect(locked.text).toMatch(/in 1[45] minutes/);
    expect(locked.text).toContain("even with the right password");
    expect(await reasons(gw, firm.id, account.email)).toEqual([...Array(5).fill("fail_password"), "fail_locked"]);

    // Another account of the same firm is not affected.
    const other = await createPortalAccount(gw.db, firm);
    expect((await signIn(gw.agent(), base, other.email, TEST_PASSWORD)).status).toBe(303);
  });

  test("unknown emails lock the same way, so a lock reveals nothing about who has an account", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const email = `ghost-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) await signIn(gw.agent(), base, email, "guess guess guess");
    const res = await signIn(gw.agent(), base, email, "guess guess guess");
    expect(res.status).toBe(429);
    expect(res.text).toContain("Too many failed sign-in attempts for this email");
  });

  test("the lock is per firm: the same email at another firm still signs in", async () => {
    const firmA = await createFirm(gw.db);
    const firmB = await createFirm(gw.db);
    const email = `shared-${Date.now()}@example.com`;
    await createPortalAccount(gw.db, firmA, { email });
    await createPortalAccount(gw.db, firmB, { email });
    for (let i = 0; i < 5; i++) await signIn(gw.agent(), `/portal/${firmA.slug}`, email, "nope nope nope");
    expect((await signIn(gw.agent(), `/portal/${firmA.slug}`, email, TEST_PASSWORD)).status).toBe(429);
    expect((await signIn(gw.agent(), `/portal/${firmB.slug}`, email, TEST_PASSWORD)).status).toBe(303);
  });

  test("a success clears the failure count", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 4; i++) await signIn(gw.agent(), base, account.email, "wrong wrong wrong");
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i++) await signIn(gw.agent(), base, account.email, "wrong wrong wrong");
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });

  test("a firm can set its own threshold", async () => {
    const firm = await createFirm(gw.db, { settings: { lockoutMaxFailures: 2 } });
    const base = `/portal/${firm.slug}`;
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 2; i++) await signIn(gw.agent(), base, account.email, "wrong wrong wrong");
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(429);
  });
});

describe("configurable thresholds and the per-IP limit", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { LOCKOUT_MAX_FAILURES: "3", IP_MAX_FAILURES: "6", TRUST_PROXY: "true" } });
  });
  afterAll(() => gw.close());

  const attempt = async (base: string, email: string, password: string, ip: string) => {
    const agent = gw.agent();
    const page = await agent.get(`${base}/login`).set("X-Forwarded-For", ip);
    return agent.post(`${base}/login`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrfFrom(page.text), email, password });
  };

  test("LOCKOUT_MAX_FAILURES changes the threshold", async () => {
    const firm = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 3; i++) await attempt(`/portal/${firm.slug}`, account.email, "wrong wrong wrong", "198.51.100.1");
    expect((await attempt(`/portal/${firm.slug}`, account.email, TEST_PASSWORD, "198.51.100.2")).status).toBe(429);
  });

  test("spraying many emails from one IP stops that IP, and only that IP", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const victim = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 6; i++) expect((await attempt(base, `spray-${i}@example.com`, "Summer2026!!", "203.0.113.9")).status).toBe(401);

    const blocked = await attempt(base, victim.email, TEST_PASSWORD, "203.0.113.9");
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain("from your network");
    const event = await gw.db.signInEvent.findFirst({ where: { firmId: firm.id, emailNormalized: victim.email } });
    expect(event).toMatchObject({ reason: "fail_ip_limited", ip: "203.0.113.9" });

    expect((await attempt(base, victim.email, TEST_PASSWORD, "203.0.113.10")).status).toBe(303);
  });

  test("the per-IP limit is one counter for client and staff sign-in: guesses on both pages add up", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const client = await createPortalAccount(gw.db, firm);
    const staff = await createStaffAccount(gw.db, firm);
    const staffAttempt = async (email: string, password: string, ip: string) => {
      const agent = gw.agent();
      const page = await agent.get(`${base}/admin/login`).set("X-Forwarded-For", ip);
      return agent.post(`${base}/admin/login`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrfFrom(page.text), email, password });
    };
    for (let i = 0; i < 3; i++) expect((await attempt(base, `mixed-${i}@example.com`, "Summer2026!!", "203.0.113.77")).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await staffAttempt(`mixed-staff-${i}@example.com`, "Summer2026!!", "203.0.113.77")).status).toBe(401);

    expect((await attempt(base, client.email, TEST_PASSWORD, "203.0.113.77")).status).toBe(429);
    expect((await staffAttempt(staff.email, TEST_PASSWORD, "203.0.113.77")).status).toBe(429);
  });
});

const withRedis = process.env.TEST_REDIS_URL ? describe : describe.skip;

withRedis("two gateway instances on one Redis", () => {
  test("share the lockout: failures on one lock the email on the other", async () => {
    const database = await createTestDatabase();
    const keyPrefix = `gwt:shared-${Date.now()}:`;
    const a = await startTestGateway({ share: { database, keyPrefix } });
    const b = await startTestGateway({ share: { database, keyPrefix } });
    try {
      expect(a.store.kind).toBe("redis");
      const firm = await createFirm(a.db);
      const base = `/portal/${firm.slug}`;
      const account = await createPortalAccount(a.db, firm);
      for (let i = 0; i < 5; i++) await signIn(i % 2 ? b.agent() : a.agent(), base, account.email, "wrong wrong wrong");
      expect((await signIn(b.agent(), base, account.email, TEST_PASSWORD)).status).toBe(429);
      expect((await signIn(a.agent(), base, account.email, TEST_PASSWORD)).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

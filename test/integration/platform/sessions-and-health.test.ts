import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createTestDatabase } from "../../helpers/test-database";
import { createFirm, createPortalAccount, TEST_PASSWORD, updateClient } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

const cookieOf = (res: { headers: Record<string, unknown> }, name = "portal.sid") =>
  ([] as string[]).concat((res.headers["set-cookie"] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`)) ?? "";

/** Sign a new client of a new firm in, as a browser would (behind a proxy that says HTTPS when `https`). */
async function signInResponse(gw: TestGateway, https = false) {
  const firm = await createFirm(gw.db);
  const account = await createPortalAccount(gw.db, firm);
  const agent = gw.agent();
  const proto = https ? "https" : "http";
  const page = await agent.get(`/portal/${firm.slug}/login`).set("X-Forwarded-Proto", proto);
  // The test's cookie jar holds back Secure cookies over its plain HTTP, so the CSRF cookie is sent by hand.
  const csrfCookie = cookieOf(page, "portal.csrf").split(";")[0] as string;
  const signedIn = await agent.post(`/portal/${firm.slug}/login`).set("X-Forwarded-Proto", proto).set("Cookie", csrfCookie).type("form").send({ _csrf: csrfFrom(page.text), email: account.email, password: TEST_PASSWORD });
  expect(signedIn.status).toBe(303);
  return { page, signedIn };
}

describe("session cookies and headers", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { TRUST_PROXY: "true" } });
  });
  afterAll(() => gw.close());

  test("the session and CSRF cookies are HttpOnly, SameSite=Lax, and not Secure over plain HTTP", async () => {
    const { page, signedIn } = await signInResponse(gw);
    for (const cookie of [cookieOf(signedIn), cookieOf(page, "portal.csrf")]) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
    }
  });

  test("behind a trusted proxy that says HTTPS, both cookies are Secure", async () => {
    const { page, signedIn } = await signInResponse(gw, true);
    expect(cookieOf(signedIn)).toMatch(/; Secure/);
    expect(cookieOf(page, "portal.csrf")).toMatch(/; Secure/);
  });

  test("helmet's security headers are set", async () => {
    const res = await gw.agent().get("/healthz");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  test("a malformed JSON body is a 400 in the error shape, not a 500", async () => {
    const firm = await createFirm(gw.db);
    const res = await gw.agent().post(`/portal/${firm.slug}/login`).set("Accept", "application/json").set("Content-Type", "application/json").send("{not json");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
  });

  test("an unknown page under a real portal is a 404 with a way back", async () => {
    const firm = await createFirm(gw.db);
    const res = await gw.agent().get(`/portal/${firm.slug}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.text).toContain(`/portal/${firm.slug}/login`);
  });
});

describe("health", () => {
  test("/healthz and /readyz answer when the database and store are up, /readyz 503 when the database is not", async () => {
    const gw = await startTestGateway();
    expect((await gw.agent().get("/healthz")).body).toEqual({ status: "ok" });
    const ready = await gw.agent().get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe("ok");
    await gw.db.$disconnect();
    await gw.database.drop();
    const notReady = await gw.agent().get("/readyz");
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: "not_ready", checks: { database: "unreachable" } });
    await gw.store.close();
  });
});

describe("sessions survive a restart", () => {
  test("a signed-in browser is still signed in on a new gateway instance over the same database and store", async () => {
    const database = await createTestDatabase();
    const keyPrefix = `gwt:restart-${Date.now()}:`;
    const first = await startTestGateway({ share: { database, keyPrefix } });
    const firm = await createFirm(first.db);
    const account = await createPortalAccount(first.db, firm);
    const agent = first.agent();
    const res = await signIn(agent, `/portal/${firm.slug}`, account.email, TEST_PASSWORD);
    const cookie = cookieOf(res).split(";")[0] as string;
    await first.close();

    const second = await startTestGateway({ share: { database, keyPrefix } });
    try {
      const home = await second.agent().get(`/portal/${firm.slug}/`).set("Cookie", cookie);
      expect(home.status).toBe(200);
      expect(home.text).toContain(account.email);
      expect(csrfFrom(home.text)).toBeTruthy();
    } finally {
      await second.close();
      await database.drop();
    }
  });
});

describe("the account behind a session", () => {
  test("is read with every column, typed exactly as Prisma types it (dates as UTC whatever the machine's zone)", async () => {
    const gw = await startTestGateway();
    const { createPgPool } = await import("../../../src/platform/db/prisma");
    const { createFindSessionAccount } = await import("../../../src/accounts/find-session-account");
    const pool = createPgPool(gw.databaseUrl, 1);
    try {
      const firm = await createFirm(gw.db);
      const created = await createPortalAccount(gw.db, firm, { email: "typed@example.com" });
      // Every nullable date filled in, a date-only column included, at times that differ in every zone.
      const account = await updateClient(gw, created, {
        dateOfBirth: new Date("1984-02-29T00:00:00Z"),
        sessionsValidAfter: new Date("2026-03-08T06:30:00.123Z"),
        lastSignInAt: new Date("2026-11-01T23:59:59.999Z"),
        statusChangedAt: new Date("2026-01-01T00:00:00Z"),
      });
      const find = createFindSessionAccount(pool);
      // The test scripts run in America/New_York (package.json), where node-postgres's own parsing would shift
      // every one of these dates by hours.
      expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
      const read = await find({ kind: "portal", id: account.id });
      const viaSql = read.kind === "portal" ? read.account : undefined;
      expect(viaSql).toEqual(await gw.db.portalAccount.findUnique({ where: { id: account.id } }));
      expect(viaSql?.dateOfBirth?.toISOString()).toBe("1984-02-29T00:00:00.000Z");
      expect((await find({ kind: "portal", id: "00000000-0000-0000-0000-000000000000" })).account).toBeNull();
    } finally {
      await pool.end();
      await gw.close();
    }
  });
});

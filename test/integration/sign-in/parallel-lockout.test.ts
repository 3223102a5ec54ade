import * as passwords from "../../../src/sign-in/passwords";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

// The lockout must hold against attempts sent all at once: each attempt is counted before its password is
// checked, atomically in the store, so at most LIMIT passwords are ever checked for one email, however many
// arrive together. Run on the in-process store, and on Redis too when TEST_REDIS_URL is set.
// 80 requests and up to 5 argon2 checks per test: on a busy 2-core machine that can take longer than Jest's default.
jest.setTimeout(120_000);

const stores: Array<{ store: string; env: Record<string, string> }> = [{ store: "in-process", env: { REDIS_URL: "" } }, ...(process.env.TEST_REDIS_URL ? [{ store: "Redis", env: {} }] : [])];

describe.each(stores)("parallel attempts on the $store store", ({ env }) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { ...env, TRUST_PROXY: "true" } });
  });
  afterAll(() => gw.close());
  afterEach(() => jest.restoreAllMocks());

  async function simultaneous(base: string, path: "login" | "admin/login", email: string, count: number, ip: (i: number) => string) {
    // Every attempt opens the form first (its own session and CSRF token), then all posts leave together.
    const forms = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const agent = gw.agent();
        const page = await agent.get(`${base}/${path}`).set("X-Forwarded-For", ip(i));
        return { agent, csrf: csrfFrom(page.text) };
      }),
    );
    return Promise.all(forms.map(({ agent, csrf }, i) => agent.post(`${base}/${path}`).set("X-Forwarded-For", ip(i)).type("form").send({ _csrf: csrf, email, password: `wrong guess ${i}` })));
  }

  test("40 simultaneous wrong passwords for one client: at most 5 are checked, and the right password after is refused as locked", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const account = await createPortalAccount(gw.db, firm);
    const verify = jest.spyOn(passwords, "verifyPassword");

    const answers = await simultaneous(base, "login", account.email, 40, (i) => `198.51.100.${i + 1}`);
    expect(answers.map((res) => res.status).filter((status) => status !== 401 && status !== 429)).toEqual([]);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(5);
    const events = await gw.db.signInEvent.findMany({ where: { firmId: firm.id, emailNormalized: account.email } });
    expect(events.filter((e) => e.reason === "fail_password").length).toBeLessThanOrEqual(5);
    // Every answered attempt is in the audit trail: checked ones as fail_password, the rest as fail_locked.
    expect(events.length).toBe(40);

    const right = await signIn(gw.agent(), base, account.email, TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.text).toContain("even with the right password");
  });

  test("the same holds for a staff account, and for an email with no account", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const staff = await createStaffAccount(gw.db, firm);
    const verify = jest.spyOn(passwords, "verifyPassword");
    await simultaneous(base, "admin/login", staff.email, 40, (i) => `203.0.113.${i + 1}`);
    await simultaneous(base, "login", `nobody-${firm.slug}@example.com`, 40, (i) => `192.0.2.${i + 1}`);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(10);
  });

  test("a success releases what it reserved: sign-ins that succeed never lock anyone out", async () => {
    const firm = await createFirm(gw.db);
    const base = `/portal/${firm.slug}`;
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 8; i++) expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < 4; i++) await signIn(gw.agent(), base, account.email, "wrong wrong wrong");
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });
});

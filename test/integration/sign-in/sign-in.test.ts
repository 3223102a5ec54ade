import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, createStaffAccount, TEST_PASSWORD, updateClient } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((res.headers["set-cookie"] as string[] | undefined) ?? []).find((c) => c.startsWith("portal.sid="));

const events = (email: string) => gw.db.signInEvent.findMany({ where: { firmId: firm.id, emailNormalized: email }, orderBy: { at: "asc" } });

describe("per-firm sign-in", () => {
  test("the sign-in page carries a CSRF token and the firm's name", async () => {
    const res = await gw.agent().get(`${base}/login`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(firm.name);
    expect(csrfFrom(res.text)).toMatch(/^[0-9a-f]{64}\.[0-9a-f]{64}$/);
  });

  test("the right email and password sign in, with the email typed in any case and spacing", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    const res = await signIn(agent, base, `  ${account.email.toUpperCase()} `, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${base}/`);
    const home = await agent.get(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.text).toContain(account.email);

    const [event] = await events(account.email);
    expect(event).toMatchObject({ reason: "success", portalAccountId: account.id, emailTyped: `  ${account.email.toUpperCase()} `.slice(0, 320) });
    expect(event?.ip).toBeTruthy();
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).lastSignInAt).not.toBeNull();
  });

  test("the session id changes at sign-in: an id held before (a planted one) never carries the new login", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const staff = await createStaffAccount(gw.db, firm);
    const agent = gw.agent();
    // Looking at the sign-in page starts no session; signing in does.
    const page = await agent.get(`${base}/admin/login`);
    expect(sessionCookie(page)).toBeUndefined();
    const staffSignIn = await agent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(page.text), email: staff.email, password: TEST_PASSWORD });
    const before = sessionCookie(staffSignIn)?.split(";")[0];
    expect(before).toBeDefined();
    // The same browser, holding that id, signs in as a client.
    const after = sessionCookie(await signIn(agent, base, account.email, TEST_PASSWORD))?.split(";")[0];
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect((await agent.get(`${base}/`)).text).toContain(account.email);
    // The earlier id is worthless afterwards: it carries neither login.
    expect((await gw.agent().get(`${base}/admin`).set("Cookie", before as string)).status).toBe(303);
    expect((await gw.agent().get(`${base}/`).set("Cookie", before as string)).status).toBe(303);
  });

  test("a wrong password and an unknown email get byte-identical responses, but for the email typed, kept in its field", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    const nobody = `nobody-${Date.now()}@example.com`;
    const wrong = await signIn(agent, base, account.email, "not the right password");
    const unknown = await signIn(agent, base, nobody, "not the right password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.text).toContain("Incorrect email or password");
    expect(wrong.text).toContain(`value="${account.email}"`);
    expect(unknown.text).toBe(wrong.text.replaceAll(account.email, nobody));
    expect(unknown.headers["content-type"]).toBe(wrong.headers["content-type"]);
    expect((await events(account.email)).map((e) => e.reason)).toEqual(["fail_password"]);
  });

  test("the email typed stays in the form after a failed sign-in, escaped", async () => {
    const typed = `"><script>alert(1)</script>@example.com`;
    const res = await signIn(gw.agent(), base, typed, "not the right password");
    expect(res.status).toBe(401);
    expect(res.text).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;@example.com"');
    expect(res.text).not.toContain("<script>alert(1)");
  });

  test("a client whose access is turned off while signed in is sent to sign in and told why, once", async () => {
    const account = await createPortalAccount(gw.db, firm, { email: `off-${Date.now()}@example.com` });
    const agent = gw.agent();
    await signIn(agent, base, account.email, TEST_PASSWORD);
    await updateClient(gw, account, { status: "disabled" });
    const sent = await agent.get(`${base}/`);
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`${base}/login`);
    const page = await agent.get(`${base}/login`);
    expect(page.text).toContain(`You were signed out because your access to ${firm.name}'s portal was turned off.`);
    expect(page.text).toContain(`Contact ${firm.name}`);
    expect((await agent.get(`${base}/login`)).text).not.toContain("You were signed out");
    // Someone else's sign-in page never says it: the reason lives in the session that was ended.
    expect((await gw.agent().get(`${base}/login`)).text).not.toContain("You were signed out");
  });

  test("an invited account that never set a password reads like a wrong password, and is logged as unclaimed", async () => {
    const invited = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
    const res = await signIn(gw.agent(), base, invited.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.text).toContain("Incorrect email or password");
    expect((await events(invited.email)).map((e) => e.reason)).toEqual(["fail_not_claimed"]);
  });

  test("a disabled account says so only after the right password, with the next step", async () => {
    const disabled = await createPortalAccount(gw.db, firm, { status: "disabled" });
    const wrong = await signIn(gw.agent(), base, disabled.email, "not the right password");
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("turned off");

    const agent = gw.agent();
    const right = await signIn(agent, base, disabled.email, TEST_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.text).toContain(`Contact ${firm.name}`);
    expect((await agent.get(`${base}/`)).status).toBe(303);
    expect((await events(disabled.email)).map((e) => e.reason)).toEqual(["fail_password", "fail_disabled"]);
  });

  test("an unconfirmed account says so only after the right password, with a way to resend", async () => {
    const unconfirmed = await createPortalAccount(gw.db, firm, { confirmed: false });
    const wrong = await signIn(gw.agent(), base, unconfirmed.email, "not the right password");
    expect(wrong.text).not.toContain("confirm");
    const right = await signIn(gw.agent(), base, unconfirmed.email, TEST_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.text).toContain("confirm your email address");
    expect(right.text).toContain(`${base}/confirm`);
    expect((await events(unconfirmed.email)).map((e) => e.reason)).toEqual(["fail_password", "fail_unconfirmed"]);
  });

  test("the user agent and IP are recorded with each attempt", async () => {
    const email = `ua-${Date.now()}@example.com`;
    const agent = gw.agent();
    const page = await agent.get(`${base}/login`);
    await agent.post(`${base}/login`).set("User-Agent", "TestBrowser/1.0").type("form").send({ _csrf: csrfFrom(page.text), email, password: "whatever it is" });
    const [event] = await events(email);
    expect(event).toMatchObject({ reason: "fail_unknown_email", userAgent: "TestBrowser/1.0", emailNormalized: email });
    expect(event?.ip).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
  });

  test("an empty form is a 400 with what to do, and records nothing", async () => {
    const agent = gw.agent();
    const page = await agent.get(`${base}/login`);
    const res = await agent.post(`${base}/login`).type("form").send({ _csrf: csrfFrom(page.text), email: " ", password: "" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Enter your email and your password");
  });

  test("a form without a valid CSRF token is refused, as a page or as JSON", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    await agent.get(`${base}/login`);
    const page = await agent.post(`${base}/login`).type("form").send({ email: account.email, password: TEST_PASSWORD });
    expect(page.status).toBe(403);
    expect(page.text).toContain("This form expired or was sent from another site");
    const api = await agent.post(`${base}/login`).set("Accept", "application/json").type("form").send({ _csrf: "forged", email: account.email, password: TEST_PASSWORD });
    expect(api.status).toBe(403);
    expect(api.body).toEqual({ error: { code: "csrf_invalid", message: expect.stringContaining("reload the page") } });
    expect(await events(account.email)).toHaveLength(0);
  });

  test("sign-out destroys the session on the server: the old cookie no longer works", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    const res = await signIn(agent, base, account.email, TEST_PASSWORD);
    const cookie = sessionCookie(res)?.split(";")[0] as string;
    const home = await agent.get(`${base}/`);
    const out = await agent.post(`${base}/logout`).type("form").send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe(`${base}/login?signed_out=1`);
    const replay = await gw.agent().get(`${base}/`).set("Cookie", cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe(`${base}/login`);
  });

  test("an account disabled while signed in loses its session on the next request", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    await signIn(agent, base, account.email, TEST_PASSWORD);
    expect((await agent.get(`${base}/`)).status).toBe(200);
    await updateClient(gw, account, { status: "disabled" });
    expect((await agent.get(`${base}/`)).status).toBe(303);
    await updateClient(gw, account, { status: "active" });
    expect((await agent.get(`${base}/`)).status).toBe(303);
  });

  test("an API client that is not signed in gets a JSON 401", async () => {
    const res = await gw.agent().get(`${base}/`).set("Accept", "application/json");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("sign_in_required");
  });
});

import type { Firm } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { addFirmDomain, addSlugAlias, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

let gw: TestGateway;
let firmA: Firm;
let firmB: Firm;

beforeAll(async () => {
  gw = await startTestGateway();
  firmA = await createFirm(gw.db);
  firmB = await createFirm(gw.db);
});
afterAll(() => gw.close());

describe("tenancy", () => {
  test("an unknown slug is a 404 page that says what to do, never a stack trace", async () => {
    const res = await gw.agent().get("/portal/no-such-firm/login");
    expect(res.status).toBe(404);
    expect(res.headers["content-type"]).toMatch(/html/);
    expect(res.text).toContain("Portal not found: check the link your firm sent you");
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  test("an unknown slug answers API clients in the JSON error shape", async () => {
    const res = await gw.agent().get("/portal/no-such-firm/login").set("Accept", "application/json");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "portal_not_found", message: "Portal not found: check the link your firm sent you." } });
  });

  test("a session from firm A is not accepted on firm B's pages, and firm A's still works", async () => {
    const account = await createPortalAccount(gw.db, firmA);
    const agent = gw.agent();
    expect((await signIn(agent, `/portal/${firmA.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);
    const onB = await agent.get(`/portal/${firmB.slug}/`);
    expect(onB.status).toBe(303);
    expect(onB.headers.location).toBe(`/portal/${firmB.slug}/login`);
    const onBJson = await agent.get(`/portal/${firmB.slug}/`).set("Accept", "application/json");
    expect(onBJson.status).toBe(401);
    expect((await agent.get(`/portal/${firmA.slug}/`)).status).toBe(200);
  });

  test("firm B's account cannot sign in on firm A's portal, and the attempt is logged for firm A only", async () => {
    const bAccount = await createPortalAccount(gw.db, firmB);
    const res = await signIn(gw.agent(), `/portal/${firmA.slug}`, bAccount.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    const logged = await gw.db.signInEvent.findMany({ where: { emailNormalized: bAccount.email } });
    expect(logged.map((e) => [e.firmId, e.reason])).toEqual([[firmA.id, "fail_unknown_email"]]);
  });

  test("an old slug redirects to the current one, keeping the rest of the path", async () => {
    const firm = await createFirm(gw.db);
    await addSlugAlias(gw.db, firm, `old-${firm.slug}`);
    const res = await gw.agent().get(`/portal/old-${firm.slug}/login?x=1`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`/portal/${firm.slug}/login?x=1`);
  });

  describe("custom domains", () => {
    let firm: Firm;
    beforeAll(async () => {
      firm = await createFirm(gw.db);
      await addFirmDomain(gw.db, firm, `portal.${firm.slug}.example`);
    });

    test("the firm's Host serves its portal at /portal/login without the slug, and signs in", async () => {
      const host = `portal.${firm.slug}.example`;
      const account = await createPortalAccount(gw.db, firm);
      const agent = gw.agent();
      const page = await agent.get("/portal/login").set("Host", host);
      expect(page.status).toBe(200);
      expect(page.text).toContain(firm.name);
      expect(page.text).toContain('action="/portal/login"');
      const res = await agent.post("/portal/login").set("Host", host).type("form").send({ _csrf: csrfFrom(page.text), email: account.email, password: TEST_PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe("/portal/");
      expect((await agent.get("/portal/").set("Host", host)).text).toContain(account.email);
    });

    test("another firm's slug under this firm's domain is a 404", async () => {
      const res = await gw.agent().get(`/portal/${firmA.slug}/login`).set("Host", `portal.${firm.slug}.example`);
      expect(res.status).toBe(404);
    });

    test("/portal/login on a host that is no firm's domain is not a portal", async () => {
      const res = await gw.agent().get("/portal/login").set("Host", "unknown.example");
      expect(res.status).toBe(404);
    });
  });
});

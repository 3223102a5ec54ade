import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { issueAccessLink } from "../../../src/access-links/use-cases/issue-access-link";
import { startGatewayWithMail } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { linkPathIn } from "../../helpers/smtp-sink";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { cookieOf, issueLinkPath } from "../../helpers/links";

let gw: TestGateway, smtp: SmtpSink, firm: Firm, base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, smtp, firm, base, close } = await startGatewayWithMail());
});
afterAll(() => close());

async function requestEmail(path: "magic" | "confirm", email: string) {
  const agent = gw.agent();
  const page = await agent.get(`${base}/${path}`);
  expect(page.status).toBe(200);
  return agent.post(`${base}/${path}`).type("form").send({ _csrf: csrfFrom(page.text), email });
}

describe("magic links ('send login email')", () => {
  test("GET shows a Continue button and signs nobody in; the POST signs the client in, once", async () => {
    const account = await createPortalAccount(gw.db, firm);
    expect((await requestEmail("magic", account.email)).status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    const path = linkPathIn(mail);
    expect(path).toMatch(new RegExp(`^${base}/magic/`));
    expect(mail.decoded).toContain("expires in 15 minutes");

    for (let i = 0; i < 3; i++) {
      const page = await request(gw.app).get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Continue");
      expect(cookieOf(page)).toBeUndefined();
    }
    const post = await request(gw.app).post(path).type("form").send({});
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe(`${base}/`);
    expect((await request(gw.app).get(`${base}/login`).set("Cookie", cookieOf(post) as string)).status).toBe(303);
    expect((await request(gw.app).post(path).type("form").send({})).status).toBe(410);
    const reasons = (await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id }, orderBy: { at: "asc" } })).map((e) => e.reason);
    expect(reasons).toEqual(["magic_link_claim", "link_used"]);
  });

  test("a magic-link session cannot reach staff pages, even for an address that is also a staff account", async () => {
    const account = await createPortalAccount(gw.db, firm);
    await createStaffAccount(gw.db, firm, { email: account.email, role: "owner", passwordHash: account.passwordHash });
    await requestEmail("magic", account.email);
    const path = linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email)));
    const post = await request(gw.app).post(path).type("form").send({});
    expect(post.status).toBe(303);
    const cookie = cookieOf(post) as string;
    const admin = await request(gw.app).get(`${base}/admin`).set("Cookie", cookie);
    expect(admin.status).toBe(303);
    expect(admin.headers.location).toBe(`${base}/admin/login`);
    const adminJson = await request(gw.app).get(`${base}/admin`).set("Cookie", cookie).set("Accept", "application/json");
    expect(adminJson.status).toBe(401);
    // The link and its session name the portal account only.
    const link = await gw.db.accessLink.findFirstOrThrow({ where: { firmId: firm.id, kind: "magic", portalAccountId: account.id } });
    expect(link.staffAccountId).toBeNull();
  });

  test("a magic link cannot be issued to a staff account", async () => {
    const staff = await createStaffAccount(gw.db, firm, { role: "support", withPassword: false });
    await expect(
      issueAccessLink({ db: gw.db, config: gw.config, kickMail: () => undefined }, { firm, kind: "magic", holder: { kind: "staff", account: staff }, issuedBy: "test" }),
    ).rejects.toThrow(/cannot be issued to a staff account/);
  });

  test("asking for a magic link for an unknown address answers the same and sends nothing", async () => {
    const known = await createPortalAccount(gw.db, firm);
    const a = await requestEmail("magic", known.email);
    const b = await requestEmail("magic", `unknown-${Date.now()}@example.com`);
    expect(b.status).toBe(a.status);
    expect(b.text).toBe(a.text);
  });
});

describe("email confirmation", () => {
  test("the sign-in page's 'send a new confirmation email' works end to end, and confirming is not a sign-in", async () => {
    const account = await createPortalAccount(gw.db, firm, { confirmed: false });
    const blocked = await signIn(gw.agent(), base, account.email, TEST_PASSWORD);
    expect(blocked.status).toBe(403);
    expect(blocked.text).toContain(`${base}/confirm`);
    expect((await requestEmail("confirm", account.email)).status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    expect(mail.decoded).toContain("expires in 24 hours");
    const path = linkPathIn(mail);
    expect((await request(gw.app).get(path)).text).toContain("Confirm my email");
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).emailConfirmedAt).toBeNull();
    const confirmed = await request(gw.app).post(path).type("form").send({});
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("Email confirmed");
    expect(cookieOf(confirmed)).toBeUndefined();
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });
});

// Issue 16: a used or superseded sign-in or reset link is no dead end: its page offers a new sign-in link, sent to the
// address on file, with the same answer whatever the account (a disabled one gets the notice, never a link).
describe("a used or superseded link offers 'email me a new sign-in link'", () => {
  const renewOf = (path: string) => `${path}/renew`;

  test("a used magic link: the page offers it, and the new link arrives and signs in", async () => {
    const account = await createPortalAccount(gw.db, firm);
    await requestEmail("magic", account.email);
    const first = linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email)));
    expect((await request(gw.app).post(first).type("form").send({})).status).toBe(303);

    const dead = await request(gw.app).get(first);
    expect(dead.status).toBe(410);
    expect(dead.text).toContain(`<form method="post" action="${renewOf(first)}">`);
    expect(dead.text).toContain("Email me a new sign-in link");
    const answer = await request(gw.app).post(renewOf(first)).type("form").send({});
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("A new sign-in link is on its way to the address on file");

    const second = linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email) && linkPathIn(m) !== first));
    expect(second).toMatch(new RegExp(`^${base}/magic/`));
    expect((await request(gw.app).post(second).type("form").send({})).status).toBe(303);
  });

  test("a superseded reset link offers it too; a disabled account gets the same answer and only the notice", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const { path: olderPath } = await issueLinkPath(gw, firm, account, "reset", { now: new Date(Date.now() - 60_000) });
    await issueLinkPath(gw, firm, account, "reset");
    const dead = await request(gw.app).get(olderPath);
    expect(dead.status).toBe(410);
    expect(dead.text).toContain("Email me a new sign-in link");

    const activeAnswer = await request(gw.app).post(renewOf(olderPath)).type("form").send({});
    await smtp.waitFor((m) => m.to.includes(account.email) && /\/magic\//.test(m.decoded));
    await gw.db.portalAccount.update({ where: { id: account.id }, data: { status: "disabled" } });
    const disabledAnswer = await request(gw.app).post(renewOf(olderPath)).type("form").send({});
    expect(disabledAnswer.status).toBe(activeAnswer.status);
    expect(disabledAnswer.text).toBe(activeAnswer.text);
    await smtp.waitFor((m) => m.to.includes(account.email) && /turned off/i.test(m.decoded));
    const linksSent = smtp.messages.filter((m) => m.to.includes(account.email) && /\/magic\//.test(m.decoded));
    expect(linksSent).toHaveLength(1); // the one asked for while the account was active
  });

  test("a staff member's used reset link offers no sign-in link (magic links are for clients only)", async () => {
    const staff = await createStaffAccount(gw.db, firm, { role: "admin" });
    const { path } = await issueLinkPath(gw, firm, staff, "reset", { staff: true });
    await gw.db.accessLink.updateMany({ where: { staffAccountId: staff.id }, data: { usedAt: new Date() } });
    const page = await request(gw.app).get(path);
    expect(page.status).toBe(410);
    expect(page.text).not.toContain("Email me a new sign-in link");
    expect((await request(gw.app).post(`${path}/renew`).type("form").send({})).status).toBe(410);
  });
});

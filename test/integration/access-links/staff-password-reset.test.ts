import request from "supertest";
import type { Firm, StaffAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithMail } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { linkPathIn } from "../../helpers/smtp-sink";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { eventually, issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway, smtp: SmtpSink, firm: Firm, base: string;
let close: () => Promise<void>;
let ipCounter = 0;
let staffCounter = 0;

beforeAll(async () => {
  ({ gw, smtp, firm, base, close } = await startGatewayWithMail({ TRUST_PROXY: "true" }));
});
afterAll(() => close());

const newIp = () => `198.51.100.${++ipCounter}`;

async function staffMember(options: { status?: "active" | "invited" | "disabled"; withPassword?: boolean } = {}): Promise<StaffAccount> {
  const withPassword = options.withPassword ?? true;
  return createStaffAccount(gw.db, firm, { email: `staff${++staffCounter}-${Date.now()}@firm.example`, role: "admin", status: options.status ?? "active", withPassword });
}

async function askForStaffReset(email: string) {
  const ip = newIp();
  const agent = gw.agent();
  const page = await agent.get(`${base}/admin/forgot`).set("X-Forwarded-For", ip);
  return agent.post(`${base}/admin/forgot`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrfFrom(page.text), email });
}

async function staffSignIn(agent: ReturnType<TestGateway["agent"]>, email: string, password: string) {
  const page = await agent.get(`${base}/admin/login`);
  return agent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(page.text), email, password });
}

describe("staff forgot their password", () => {
  test("the staff sign-in page offers it; known and unknown addresses get the same bytes; only the staff member gets a link", async () => {
    expect((await gw.agent().get(`${base}/admin/login`)).text).toContain(`href="${base}/admin/forgot"`);
    const staff = await staffMember();
    const unknown = `nobody-${Date.now()}@firm.example`;
    const known = await askForStaffReset(staff.email);
    const missing = await askForStaffReset(unknown);
    expect(known.status).toBe(200);
    expect(missing.text).toBe(known.text);
    expect(known.text).toContain(`href="${base}/admin/login"`);
    const path = linkPathIn(await smtp.waitFor((m) => m.to.includes(staff.email)));
    expect(path).toMatch(new RegExp(`^${base}/reset/`));
    await eventually(() => gw.db.outboxEmail.findFirst({ where: { toAddress: staff.email, status: "sent" } }));
    expect(await gw.db.outboxEmail.count({ where: { toAddress: unknown } })).toBe(0);
  });

  test("a reset sets the new password, ends the staff member's other sessions, and is recorded", async () => {
    const staff = await staffMember();
    const elsewhere = gw.agent();
    expect((await staffSignIn(elsewhere, staff.email, TEST_PASSWORD)).status).toBe(303);
    expect((await elsewhere.get(`${base}/admin`)).status).toBe(200);

    await askForStaffReset(staff.email);
    const path = linkPathIn(await smtp.waitFor((m) => m.to.includes(staff.email)));
    const form = await request(gw.app).get(path);
    expect(form.status).toBe(200);
    expect(form.text).toContain(staff.email);
    const done = await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain(`href="${base}/admin/login"`);

    const after = await elsewhere.get(`${base}/admin`);
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe(`${base}/admin/login`);
    expect((await staffSignIn(gw.agent(), staff.email, TEST_PASSWORD)).status).toBe(401);
    expect((await staffSignIn(gw.agent(), staff.email, NEW_PASSWORD)).status).toBe(303);
    const reasons = (await gw.db.signInEvent.findMany({ where: { staffAccountId: staff.id }, orderBy: { at: "asc" } })).map((e) => e.reason);
    expect(reasons).toEqual(["success", "reset_claim", "fail_password", "success"]);
  });

  test("client and staff accounts stay apart: each form only ever emails its own kind of account", async () => {
    const client = await createPortalAccount(gw.db, firm, { email: `client-${Date.now()}@example.com` });
    const staff = await staffMember();
    await askForStaffReset(client.email);
    const ip = newIp();
    const agent = gw.agent();
    const page = await agent.get(`${base}/forgot`).set("X-Forwarded-For", ip);
    await agent.post(`${base}/forgot`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrfFrom(page.text), email: staff.email });
    // A request that does something shows up in the outbox; give both a moment, then check neither did.
    await askForStaffReset(staff.email);
    await smtp.waitFor((m) => m.to.includes(staff.email));
    expect(await gw.db.outboxEmail.count({ where: { toAddress: client.email } })).toBe(0);
    expect(await gw.db.accessLink.count({ where: { staffAccountId: staff.id } })).toBe(1);
  });

  test("a colleague who never set a password gets a fresh staff invite; a disabled one gets the notice, not a link", async () => {
    const invited = await staffMember({ status: "invited", withPassword: false });
    const off = await staffMember({ status: "disabled" });
    await askForStaffReset(invited.email);
    await askForStaffReset(off.email);
    expect(linkPathIn(await smtp.waitFor((m) => m.to.includes(invited.email)))).toMatch(new RegExp(`^${base}/claim/`));
    const notice = await smtp.waitFor((m) => m.to.includes(off.email));
    expect(notice.decoded).toContain("turned off");
    expect(await gw.db.accessLink.count({ where: { staffAccountId: off.id } })).toBe(0);
  });

  test("an expired staff reset link sends the staff member back to the staff form, not to a renew button", async () => {
    const staff = await staffMember();
    const { path } = await issueLinkPath(gw, firm, staff, "reset", { staff: true, now: new Date(Date.now() - 2 * 3_600_000) });
    const expired = await request(gw.app).get(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain(`href="${base}/admin/forgot"`);
    expect(expired.text).not.toContain("/renew");
  });
});

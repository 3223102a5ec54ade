import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithMail } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { linkPathIn } from "../../helpers/smtp-sink";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { eventually, issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway, smtp: SmtpSink, firm: Firm, base: string;
let close: () => Promise<void>;
let ipCounter = 0;

beforeAll(async () => {
  ({ gw, smtp, firm, base, close } = await startGatewayWithMail({ TRUST_PROXY: "true", LINK_EMAILS_PER_ADDRESS_PER_HOUR: "3", LINK_EMAILS_PER_IP_PER_HOUR: "6" }));
});
afterAll(() => close());

/** Each test posts from its own address, so the per-IP limit is only met where a test means to meet it. */
const newIp = () => `203.0.113.${++ipCounter}`;

async function askForReset(email: string, ip: string) {
  const agent = gw.agent();
  const page = await agent.get(`${base}/forgot`).set("X-Forwarded-For", ip);
  return agent.post(`${base}/forgot`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrfFrom(page.text), email });
}

describe("forgot password", () => {
  test("known and unknown emails get byte-identical responses; only the known one gets an email", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const unknown = `nobody-${Date.now()}@example.com`;
    const ip = newIp();
    const known = await askForReset(account.email, ip);
    const missing = await askForReset(unknown, ip);
    expect(known.status).toBe(200);
    expect(missing.status).toBe(known.status);
    expect(missing.text).toBe(known.text);
    expect(known.text).toContain("Check your email");

    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    expect(linkPathIn(mail)).toMatch(new RegExp(`^${base}/reset/`));
    // The unknown address got nothing, then or later.
    await eventually(() => gw.db.outboxEmail.findFirst({ where: { toAddress: account.email, status: "sent" } }));
    expect(await gw.db.outboxEmail.count({ where: { toAddress: unknown } })).toBe(0);
    expect(smtp.messages.some((m) => m.to.includes(unknown))).toBe(false);
  });

  test("the form needs its CSRF token", async () => {
    const res = await request(gw.app).post(`${base}/forgot`).set("X-Forwarded-For", newIp()).type("form").send({ email: "a@example.com" });
    expect(res.status).toBe(403);
  });

  test("an invited account that never claimed gets a fresh invite instead of a reset", async () => {
    const account = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
    const oldInvite = await issueLinkPath(gw, firm, account, "invite_client");
    await askForReset(account.email, newIp());
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    const path = linkPathIn(mail);
    expect(path).toMatch(new RegExp(`^${base}/claim/`));
    expect(mail.decoded).toContain("invited you");
    expect((await request(gw.app).get(oldInvite.path)).status).toBe(410);
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
  });

  test("rate limited per email: the 4th request in an hour is a 429, alike for known and unknown addresses", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const unknown = `ghost-${Date.now()}@example.com`;
    const knownResponses = [];
    const unknownResponses = [];
    for (let i = 0; i < 4; i++) {
      knownResponses.push(await askForReset(account.email, newIp()));
      unknownResponses.push(await askForReset(unknown, newIp()));
    }
    expect(knownResponses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(unknownResponses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(knownResponses[3]?.text).toContain("Too many emails were asked for");
    await eventually(async () => (await gw.db.outboxEmail.count({ where: { toAddress: account.email } })) === 3);
  });

  test("rate limited per IP across addresses", async () => {
    const ip = newIp();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await askForReset(`spray-${i}-${Date.now()}@example.com`, ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});

describe("resetting the password", () => {
  test("sets the new password, ends the account's other sessions, and is recorded", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const elsewhere = gw.agent();
    expect((await signIn(elsewhere, base, account.email, TEST_PASSWORD)).status).toBe(303);
    expect((await elsewhere.get(`${base}/login`)).status).toBe(303); // signed in

    await askForReset(account.email, newIp());
    const path = linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email)));
    expect((await request(gw.app).get(path)).status).toBe(200);
    const done = await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Password changed");

    // The other browser's session has ended; the old password no longer works, the new one does.
    const after = await elsewhere.get(`${base}/login`);
    expect(after.status).toBe(200);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(gw.agent(), base, account.email, NEW_PASSWORD)).status).toBe(303);
    const reasons = (await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id }, orderBy: { at: "asc" } })).map((e) => e.reason);
    expect(reasons).toEqual(["success", "reset_claim", "fail_password", "success"]);
    // A second use of the same link is "already used".
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(410);
  });
});

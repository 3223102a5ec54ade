import crypto from "node:crypto";
import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { issueAccessLink } from "../../../src/access-links/use-cases/issue-access-link";
import { createMailTransport } from "../../../src/platform/mail/transport";
import { mailDeliveryJob } from "../../../src/platform/mail/mail-delivery-job";
import { createJobRunner } from "../../../src/platform/jobs/job-runner";
import { mintDeliveryLink } from "../../../src/access-links/mint-delivery-link";
import { createLogger } from "../../../src/platform/logger";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, renameFirm } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { linkPathIn, startSmtpSink } from "../../helpers/smtp-sink";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { eventually, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  gw = await startTestGateway({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Client portal <no-reply@portal.example>" } });
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

const linkDeps = () => ({ db: gw.db, config: gw.config, kickMail: () => undefined });
/** A delivery job of its own over a gateway's database (the gateway's own one is kicked by its requests). */
const worker = (on: TestGateway = gw, logger = createLogger("silent")) => {
  const job = mailDeliveryJob({ db: on.db, config: on.config, logger, transport: createMailTransport(on.config, logger), mintLink: mintDeliveryLink(on.db, on.config) });
  return createJobRunner(job, { store: on.store, logger });
};
const invite = async (firm: Firm) => {
  const account = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
  const { linkId } = await issueAccessLink(linkDeps(), { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
  return { account, linkId };
};

describe("email delivery over SMTP", () => {
  test("an invite email has a text and an HTML part, the firm's name, the no-reply sender, the expiry in words and a 'not you' line", async () => {
    const firm = await createFirm(gw.db, { name: "Acme Architects" });
    const { account, linkId } = await invite(firm);
    expect((await worker().runNow()).sent).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    expect(mail.from).toBe("no-reply@portal.example");
    expect(mail.decoded).toMatch(/^From: Acme Architects <no-reply@portal\.example>/m);
    expect(mail.decoded).toMatch(/^Subject: Acme Architects invited you to their client portal/m);
    expect(mail.decoded).toContain("Content-Type: text/plain");
    expect(mail.decoded).toContain("Content-Type: text/html");
    expect(mail.decoded).toContain("This link expires in 7 days");
    expect(mail.decoded).toContain("Not you, or not expecting this? Ignore this email");
    expect(mail.decoded).toMatch(/^Auto-Submitted: auto-generated/m);

    // The link works, and its token exists only in the email: the outbox keeps a placeholder.
    const path = linkPathIn(mail);
    const token = path.split("/").pop() as string;
    const row = await gw.db.outboxEmail.findFirstOrThrow({ where: { accessLinkId: linkId } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, deliveredVia: "smtp", lastError: null });
    expect(row.textBody + row.htmlBody).not.toContain(token);
    expect(row.textBody).toContain("{{access_link}}");
    expect((await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } })).tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
  });

  test("names cannot inject headers, and an address that is not a plain mailbox is never sent to", async () => {
    const firm = await createFirm(gw.db, { name: "Evil\r\nBcc: attacker@evil.example\r\nX-Injected: yes" });
    const { account } = await invite(firm);
    await worker().runNow();
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    expect(mail.to).toEqual([account.email]);
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.raw).not.toMatch(/^X-Injected:/im);

    const sneaky = await createPortalAccount(gw.db, firm, { email: "victim@example.com\r\nBcc: attacker@evil.example", status: "invited", withPassword: false, confirmed: false });
    await issueAccessLink(linkDeps(), { firm, kind: "invite_client", holder: { kind: "portal", account: sneaky }, issuedBy: "test" });
    await worker().runNow();
    const row = await gw.db.outboxEmail.findFirstOrThrow({ where: { toAddress: sneaky.email } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("not a plain email address");
    expect(smtp.messages.some((m) => m.to.includes("attacker@evil.example"))).toBe(false);
  });

  test("an SMTP failure never breaks the request: the email stays in the outbox as failed and is retried with backoff", async () => {
    const firm = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm);
    smtp.failWith = "mailbox temporarily unavailable";
    try {
      const agent = gw.agent();
      const page = await agent.get(`/portal/${firm.slug}/forgot`);
      const res = await agent.post(`/portal/${firm.slug}/forgot`).type("form").send({ _csrf: csrfFrom(page.text), email: account.email });
      expect(res.status).toBe(200);
      const failed = await eventually(() => gw.db.outboxEmail.findFirst({ where: { toAddress: account.email, status: "failed" } }));
      expect(failed.attempts).toBe(1);
      expect(failed.lastError).toContain("mailbox temporarily unavailable");
      const firstRetry = failed.nextAttemptAt.getTime();

      // Not due yet: nothing happens. Due: tried again and failing, the wait doubles.
      const w = worker();
      expect(await w.runNow(new Date(firstRetry - 1000))).toEqual({ sent: 0, failed: 0, cancelled: 0 });
      const at2 = new Date(firstRetry + 1000);
      expect((await w.runNow(at2)).failed).toBe(1);
      const second = await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } });
      expect(second.attempts).toBe(2);
      expect(second.nextAttemptAt.getTime() - at2.getTime()).toBe(60_000);

      smtp.failWith = null;
      const at3 = new Date(second.nextAttemptAt.getTime() + 1000);
      expect((await w.runNow(at3)).sent).toBe(1);
      const sent = await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } });
      expect(sent).toMatchObject({ status: "sent", attempts: 3, lastError: null });
      // The link was not lost: the delivered one works.
      const path = linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email)));
      expect((await request(gw.app).get(path)).status).toBe(200);
    } finally {
      smtp.failWith = null;
    }
  });

  test("an email whose link was replaced before delivery is cancelled, not sent", async () => {
    const firm = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
    const first = await issueAccessLink(linkDeps(), { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
    await issueAccessLink(linkDeps(), { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
    await worker().runNow();
    expect((await gw.db.outboxEmail.findFirstOrThrow({ where: { accessLinkId: first.linkId } })).status).toBe("cancelled");
    await eventually(async () => smtp.messages.filter((m) => m.to.includes(account.email)).length === 1);
  });

  test("a link queued before a slug change is delivered with the current slug", async () => {
    const firm = await createFirm(gw.db);
    const { account } = await invite(firm);
    const newSlug = `${firm.slug}-renamed`;
    await renameFirm(gw.db, firm, newSlug);
    await worker().runNow();
    expect(linkPathIn(await smtp.waitFor((m) => m.to.includes(account.email)))).toMatch(new RegExp(`^/portal/${newSlug}/claim/`));
  });
});

describe("the gateway's own delivery worker", () => {
  test("a request that queues an email has it delivered by the gateway's worker, without waiting for the poller", async () => {
    const firm = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
    await issueAccessLink({ db: gw.db, config: gw.config, kickMail: gw.mail.kick }, { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
    const mail = await smtp.waitFor((m) => m.to.includes(account.email));
    expect(linkPathIn(mail)).toMatch(new RegExp(`^/portal/${firm.slug}/claim/`));
  });

  test("once stopped (the server shutting down), a kick sends nothing and the email waits in the outbox for the next start", async () => {
    const local = await startTestGateway({ env: { SMTP_URL: smtp.url } });
    try {
      await local.mail.stop();
      const firm = await createFirm(local.db);
      const account = await createPortalAccount(local.db, firm, { status: "invited", withPassword: false, confirmed: false });
      const { linkId } = await issueAccessLink({ db: local.db, config: local.config, kickMail: local.mail.kick }, { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
      await local.mail.stop(); // waits for any run the kick might have started
      expect((await local.db.outboxEmail.findFirstOrThrow({ where: { accessLinkId: linkId } })).status).toBe("queued");
      expect(smtp.messages.some((m) => m.to.includes(account.email))).toBe(false);

      const next = worker(local);
      expect((await next.runNow()).sent).toBe(1);
      await smtp.waitFor((m) => m.to.includes(account.email));
    } finally {
      await local.close();
    }
  });
});

describe("email delivery without SMTP (the embedded default)", () => {
  test("every email goes to the outbox and one log line carries the recipient and the link", async () => {
    const local = await startTestGateway();
    try {
      const lines: string[] = [];
      const logger = createLogger("info", { write: (line: string) => lines.push(line) });
      const firm = await createFirm(local.db);
      const account = await createPortalAccount(local.db, firm, { status: "invited", withPassword: false, confirmed: false });
      const { linkId } = await issueAccessLink({ db: local.db, config: local.config, kickMail: () => undefined }, { firm, kind: "invite_client", holder: { kind: "portal", account }, issuedBy: "test" });
      const w = worker(local, logger);
      expect((await w.runNow()).sent).toBe(1);
      const line = JSON.parse(lines.find((l) => l.includes(account.email)) as string) as { to: string; link: string };
      expect(line.to).toBe(account.email);
      expect(line.link).toMatch(new RegExp(`/portal/${firm.slug}/claim/[A-Za-z0-9_-]{43}$`));
      expect(await local.db.outboxEmail.findFirstOrThrow({ where: { accessLinkId: linkId } })).toMatchObject({ status: "sent", deliveredVia: "console" });
      expect((await request(local.app).get(new URL(line.link).pathname)).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});

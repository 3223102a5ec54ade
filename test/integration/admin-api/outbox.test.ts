import crypto from "node:crypto";
import request from "supertest";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { API, apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// GET /outbox and POST /outbox/{emailId}/resend: the console's outbox over the API (one use-case): every role reads
// and resends a failed email, as on the console; never an email's text; one firm's token never touches another's.
let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

const roles: StaffRole[] = ["owner", "admin", "support"];
const as = async (firm: Firm, role: StaffRole) => asToken(gw, await apiToken(gw, firm, role));
const TOKEN_IN_BODY = "tok_Hq4Zr8Wm2Kx6Pn0Ls3Dv7Bf9Jc1Tg5Ye8Ua2Ri6Oo";
type Status = "queued" | "sent" | "failed" | "cancelled";

const email = (firm: Firm, data: { status: Status; to: string; lastError?: string; createdAt?: Date }) =>
  gw.db.outboxEmail.create({
    data: {
      firmId: firm.id,
      kind: "invite_client",
      toAddress: data.to,
      fromAddress: "portal@gateway.example",
      subject: `Your invitation to ${firm.name}'s portal`,
      textBody: `Open https://gateway.example/portal/${firm.slug}/claim/${TOKEN_IN_BODY} to start.`,
      htmlBody: `<a href="https://gateway.example/portal/${firm.slug}/claim/${TOKEN_IN_BODY}">Start</a>`,
      status: data.status,
      attempts: data.status === "failed" ? 8 : 1,
      lastError: data.lastError ?? null,
      createdAt: data.createdAt ?? new Date(),
    },
  });
const recipients = (res: request.Response) => (res.body.items as Array<{ to: string }>).map((item) => item.to);

test("every role reads the outbox, newest first, with status and SMTP error and never an email's text; status filters", async () => {
  const firm = await createFirm(gw.db);
  await email(firm, { status: "failed", to: "bounced@example.com", lastError: "550 5.1.1 mailbox unavailable", createdAt: new Date(Date.now() - 60_000) });
  await email(firm, { status: "sent", to: "fine@example.com" });
  for (const role of roles) {
    const res = await (await as(firm, role)).get("/outbox");
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("get", "/outbox", 200, res.body)).toEqual([]);
    expect(recipients(res)).toEqual(["fine@example.com", "bounced@example.com"]);
    expect(res.body.items[1]).toEqual(expect.objectContaining({ kind: "invite_client", status: "failed", attempts: 8, smtpError: "550 5.1.1 mailbox unavailable", sentAt: null }));
    expect(res.text).not.toContain(TOKEN_IN_BODY);
    expect(res.text).not.toContain("/claim/");
  }
  const api = await as(firm, "support");
  expect(recipients(await api.get("/outbox?status=failed"))).toEqual(["bounced@example.com"]);
  expect(recipients(await api.get("/outbox?status=cancelled"))).toEqual([]);
  const bad = await api.get("/outbox?status=bounced");
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe("status");
  expect((await api.get("/outbox?cursor=bm90LW91cnM")).body.error.field).toBe("cursor");
});

test("pages by cursor: 50 by default then the rest, and a smaller limit walks every email once", async () => {
  const firm = await createFirm(gw.db);
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < 53; i += 1) await email(firm, { status: "sent", to: `r${i}@paging.example`, createdAt: new Date(start + i * 1000) });
  const newestFirst = Array.from({ length: 53 }, (_, i) => `r${52 - i}@paging.example`);
  const api = await as(firm, "admin");
  const first = await api.get("/outbox");
  expect(recipients(first)).toEqual(newestFirst.slice(0, 50));
  const second = await api.get(`/outbox?cursor=${encodeURIComponent(first.body.nextCursor)}`);
  expect(recipients(second)).toEqual(newestFirst.slice(50));
  expect(second.body.nextCursor).toBeNull();
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: request.Response = await api.get(`/outbox?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    walked.push(...recipients(page));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(walked).toEqual(newestFirst);
});

test("every role resends a failed email: queued again with fresh attempts, one staff-action row naming the token", async () => {
  const firm = await createFirm(gw.db);
  for (const role of roles) {
    const failed = await email(firm, { status: "failed", to: `bounced-${role}@example.com`, lastError: "421 try later" });
    const res = await (await as(firm, role)).post(`/outbox/${failed.id}/resend`);
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("post", "/outbox/{emailId}/resend", 200, res.body)).toEqual([]);
    expect(res.body).toEqual(expect.objectContaining({ id: failed.id, status: "queued", attempts: 0 }));
    // The delivery job was kicked: the email may already have gone out (to the log: the test gateway has no SMTP).
    const requeued = await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } });
    expect([{ status: "queued", attempts: 0 }, { status: "sent", attempts: 1 }]).toContainEqual({ status: requeued.status, attempts: requeued.attempts });
    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id, subject: `invite_client to bounced-${role}@example.com` } });
    expect(log).toMatchObject([{ action: "email_resent", actorKind: "api_token", actorLabel: `api-token:test ${role}`, before: { value: "421 try later" }, after: { value: "queued" } }]);
  }
});

test("only a failed email is resent (409); an unknown, malformed or foreign id is a 404, never a 500, and nothing changes", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  const sent = await email(firmA, { status: "sent", to: "fine@example.com" });
  const failedOfA = await email(firmA, { status: "failed", to: "a-bounced@example.com", lastError: "550 no such user" });
  const api = await as(firmA, "owner");
  const notFailed = await api.post(`/outbox/${sent.id}/resend`);
  expect(notFailed.status).toBe(409);
  expect(notFailed.body.error).toEqual({ code: "email_not_failed", message: "Only a failed email is sent again: this one is sent." });
  expect(documentedShapeErrors("post", "/outbox/{emailId}/resend", 409, notFailed.body)).toEqual([]);
  for (const id of [crypto.randomUUID(), "not-an-id", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]) {
    const res = await api.post(`/outbox/${id}/resend`);
    expect({ id, status: res.status, code: res.body.error?.code }).toEqual({ id, status: 404, code: "not_found" });
    expect(documentedShapeErrors("post", "/outbox/{emailId}/resend", 404, res.body)).toEqual([]);
  }
  const fromB = await as(firmB, "owner");
  expect((await fromB.post(`/outbox/${failedOfA.id}/resend`)).status).toBe(404);
  expect(JSON.stringify((await fromB.get("/outbox")).body)).not.toContain("a-bounced@example.com");
  expect(await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failedOfA.id } })).toMatchObject({ status: "failed", attempts: 8 });
  expect(await gw.db.staffAction.count({ where: { firmId: { in: [firmA.id, firmB.id] } } })).toBe(0);
});

test("a revoked token and no token are refused on both endpoints, and the email stays failed", async () => {
  const firm = await createFirm(gw.db);
  const failed = await email(firm, { status: "failed", to: "bounced@example.com", lastError: "550" });
  const revoked = asToken(gw, await revokedToken(gw, firm));
  const answers = [await revoked.get("/outbox"), await revoked.post(`/outbox/${failed.id}/resend`), await request(gw.app).get(`${API}/outbox`), await request(gw.app).post(`${API}/outbox/${failed.id}/resend`)];
  for (const res of answers) {
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("api_token_invalid");
    expect(res.text).not.toContain("bounced@example.com");
  }
  expect(await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "failed" });
});

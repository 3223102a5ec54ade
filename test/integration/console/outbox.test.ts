import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const TOKEN_IN_BODY = "tok_Zx8Qw3LmN5pR7sT9vB2cD4fG6hJ8kL0mN2pQ4rS6t";
const email = (firm: Firm, data: { status: "queued" | "sent" | "failed" | "cancelled"; to: string; lastError?: string; createdAt?: Date }) =>
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

describe("the outbox", () => {
  test("lists the firm's emails with status and SMTP error, never their bodies or links; a failed one is sent again", async () => {
    const firm = await createFirm(gw.db);
    const failed = await email(firm, { status: "failed", to: "bounced@example.com", lastError: "550 5.1.1 mailbox unavailable", createdAt: new Date(Date.now() - 60_000) });
    const sent = await email(firm, { status: "sent", to: "fine@example.com" });
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/outbox`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("bounced@example.com");
    expect(page.text).toContain("550 5.1.1 mailbox unavailable");
    expect(page.text).toContain("client invite");
    expect(page.text).not.toContain(TOKEN_IN_BODY);
    expect(page.text).not.toContain("/claim/");
    expect(page.text.match(/Send again/g)).toHaveLength(1);

    const onlyFailed = await support.get(`/portal/${firm.slug}/admin/outbox?status=failed`);
    expect(onlyFailed.text).not.toContain("fine@example.com");

    const csrf = csrfFrom(page.text);
    const resent = await support.post(`/portal/${firm.slug}/admin/outbox/${failed.id}/resend`).type("form").send({ _csrf: csrf });
    expect(resent.status).toBe(200);
    expect(resent.text).toContain("client invite to bounced@example.com is queued again");
    // Queued with fresh attempts, and the delivery job kicked: it may already have gone out.
    const requeued = await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failed.id } });
    expect([{ status: "queued", attempts: 0 }, { status: "sent", attempts: 1 }]).toContainEqual({ status: requeued.status, attempts: requeued.attempts });
    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id } });
    expect(log).toMatchObject([{ action: "email_resent", subject: "invite_client to bounced@example.com", actorKind: "staff" }]);

    const again = await support.post(`/portal/${firm.slug}/admin/outbox/${sent.id}/resend`).type("form").send({ _csrf: csrf });
    expect(again.status).toBe(409);
    expect(await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "sent" });
    expect((await support.post(`/portal/${firm.slug}/admin/outbox/not-an-id/resend`).type("form").send({ _csrf: csrf })).status).toBe(404);
  });

  test("one firm's staff neither see nor resend another firm's emails", async () => {
    const firmA = await createFirm(gw.db);
    const firmB = await createFirm(gw.db);
    const failedA = await email(firmA, { status: "failed", to: "a-client@example.com", lastError: "timeout" });
    const ownerB = await signedInStaff(gw, firmB, "owner");
    const own = await ownerB.get(`/portal/${firmB.slug}/admin/outbox`);
    expect(own.text).not.toContain("a-client@example.com");
    expect((await ownerB.get(`/portal/${firmA.slug}/admin/outbox`)).status).toBe(303);
    const cross = await ownerB.post(`/portal/${firmB.slug}/admin/outbox/${failedA.id}/resend`).type("form").send({ _csrf: csrfFrom(own.text) });
    expect(cross.status).toBe(404);
    expect(await gw.db.outboxEmail.findUniqueOrThrow({ where: { id: failedA.id } })).toMatchObject({ status: "failed" });
  });
});

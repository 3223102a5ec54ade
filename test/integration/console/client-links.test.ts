import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

describe("sending a client a link from the console", () => {
  test("the invite again, a sign-in link or a reset link, emailed or shown once; never to a turned-off account; logged", async () => {
    const firm = await createFirm(gw.db);
    const invited = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false });
    const active = await createPortalAccount(gw.db, firm);
    const off = await createPortalAccount(gw.db, firm, { status: "disabled" });
    const support = await signedInStaff(gw, firm, "support");
    const base = `/portal/${firm.slug}/admin/clients`;
    const page = await support.get(`${base}?email=${encodeURIComponent(invited.email)}`);
    expect(page.text).toContain("Send the invite again");
    const csrf = csrfFrom(page.text);
    const send = (id: string, fields: Record<string, string>) => support.post(`${base}/${id}/link`).type("form").send({ _csrf: csrf, ...fields });

    const copied = await send(invited.id, { kind: "invite", delivery: "copy" });
    expect(copied.status).toBe(200);
    expect(copied.text).toContain("Copy it now: it is shown only once.");
    const url = /<code class="link" id="[^"]+">([^<]+)<\/code>/.exec(copied.text)?.[1] ?? "";
    expect(url).toContain(`/portal/${firm.slug}/claim/`);
    expect((await gw.agent().get(new URL(url).pathname)).status).toBe(200);

    const emailed = await send(active.id, { kind: "magic", delivery: "email" });
    expect(emailed.text).toContain(`Sign-in link sent to ${active.email}`);
    expect(await gw.db.outboxEmail.count({ where: { firmId: firm.id, toAddress: active.email, kind: "magic" } })).toBe(1);
    const reset = await send(active.id, { kind: "reset", delivery: "copy" });
    expect(reset.text).toMatch(/\/reset\/[A-Za-z0-9_-]{43}<\/code>/);

    // Refused, naming the client and what to send or do instead, on that client's page.
    const toOff = await send(off.id, { kind: "magic", delivery: "copy" });
    expect(toOff.status).toBe(409);
    expect(toOff.text).toContain(`${off.email} has no access now, so gets no sign-in or reset link: turn access back on first`);
    const inviteAgain = await send(active.id, { kind: "invite", delivery: "copy" });
    expect(inviteAgain.status).toBe(409);
    expect(inviteAgain.text).toContain(`${active.email} already claimed the invite: send a sign-in or reset link instead.`);
    expect(inviteAgain.text).toContain(`value="${active.email}"`);
    expect(await gw.db.accessLink.count({ where: { portalAccountId: off.id } })).toBe(0);
    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.subject])).toEqual([
      ["client_invited", invited.email],
      ["client_link_sent", active.email],
      ["client_link_sent", active.email],
    ]);

    const other = await createFirm(gw.db);
    const outsider = await signedInStaff(gw, other, "owner");
    const otherPage = await outsider.get(`/portal/${other.slug}/admin/clients`);
    const cross = await outsider.post(`/portal/${other.slug}/admin/clients/${active.id}/link`).type("form").send({ _csrf: csrfFrom(otherPage.text), kind: "magic", delivery: "copy" });
    expect(cross.status).toBe(404);
    expect(cross.text).not.toContain("/magic/");
  });
});

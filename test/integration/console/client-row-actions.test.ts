import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

// Issue 11: "resend, send a sign-in link, reset, turn off, back on, from the list". Each row action is the client
// page's own action (same route, same use-case), and answers with the list the person was on: same filters, same
// page, and a notice that names the client.
let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

type Agent = Awaited<ReturnType<typeof signedInStaff>>;

/** A firm with an invited, an active and a turned-off client under "@rows.example", and one the search leaves out. */
async function firmWithClients() {
  const firm = await createFirm(gw.db);
  const invited = await createPortalAccount(gw.db, firm, { email: "invited@rows.example", status: "invited", withPassword: false });
  const active = await createPortalAccount(gw.db, firm, { email: "active@rows.example" });
  const off = await createPortalAccount(gw.db, firm, { email: "off@rows.example", status: "disabled" });
  await createPortalAccount(gw.db, firm, { email: "elsewhere@other.example" });
  return { firm, invited, active, off };
}

/** Posts a row's form as the list shows it: its CSRF token, back=list and the list's filters. */
function rowAction(agent: Agent, firm: Firm, account: Pick<PortalAccount, "id">, path: "link" | "access", csrf: string, fields: Record<string, string>) {
  return agent.post(`/portal/${firm.slug}/admin/clients/${account.id}/${path}`).type("form").send({ _csrf: csrf, back: "list", search: "rows", status: "", flagged: "", cursor: "", ...fields });
}

const statusOf = async (account: PortalAccount) => (await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status;
const emailsTo = (firm: Firm, to: string, kind: string) => gw.db.outboxEmail.count({ where: { firmId: firm.id, toAddress: to, kind } });
/** The rows of the list answered (each row's first cell links to the client's page). */
const listed = (html: string) => [...html.matchAll(/<tr>\s*<td><a href="[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]);

describe("row actions on the client list", () => {
  test("an admin resends an invite, sends a sign-in link and a reset link, turns access off (confirmed) and back on, each landing on the same filtered list", async () => {
    const { firm, invited, active, off } = await firmWithClients();
    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/clients?search=rows`);
    expect(listed(page.text)).toEqual(["active@rows.example", "invited@rows.example", "off@rows.example"]);
    expect(page.text).toContain(`action="/portal/${firm.slug}/admin/clients/${invited.id}/link"`);
    expect(page.text).toMatch(/Resend the invite<span class="visually-hidden"> for invited@rows\.example<\/span>/);
    expect(page.text).toMatch(/Send a sign-in link<span class="visually-hidden"> for active@rows\.example/);
    expect(page.text).toMatch(/Send a reset link<span class="visually-hidden"> for active@rows\.example/);
    expect(page.text).toMatch(/Turn access back on<span class="visually-hidden"> for off@rows\.example/);
    // Turning access off is red and needs its box ticked, as on the client page.
    expect(page.text).toContain(`<input id="off-confirm-${active.id}" type="checkbox" name="confirm" value="yes" required>`);
    expect(page.text).toMatch(/<button type="submit" class="danger">Turn access off<span class="visually-hidden"> for active@rows\.example/);
    const csrf = csrfFrom(page.text);

    const resent = await rowAction(admin, firm, invited, "link", csrf, { kind: "invite", delivery: "email" });
    expect(resent.status).toBe(200);
    expect(resent.text).toContain("Invite sent to invited@rows.example. It works until");
    expect(listed(resent.text)).toEqual(["active@rows.example", "invited@rows.example", "off@rows.example"]); // the same filtered list
    expect(resent.text).toContain('<input type="hidden" name="search" value="rows">'); // and its next actions keep the filter
    expect(await emailsTo(firm, invited.email, "invite_client")).toBe(1);

    const magic = await rowAction(admin, firm, active, "link", csrf, { kind: "magic", delivery: "email" });
    expect(magic.status).toBe(200);
    expect(magic.text).toContain("Sign-in link sent to active@rows.example.");
    expect(await emailsTo(firm, active.email, "magic")).toBe(1);
    const reset = await rowAction(admin, firm, active, "link", csrf, { kind: "reset", delivery: "email" });
    expect(reset.text).toContain("Password reset link sent to active@rows.example.");
    expect(await emailsTo(firm, active.email, "reset")).toBe(1);

    const unticked = await rowAction(admin, firm, active, "access", csrf, { access: "off", reason: "Left" });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain("tick the box to confirm that you want to turn active@rows.example&#39;s access off");
    expect(await statusOf(active)).toBe("active");
    const turnedOff = await rowAction(admin, firm, active, "access", csrf, { access: "off", reason: "Left the company", confirm: "yes" });
    expect(turnedOff.status).toBe(200);
    expect(turnedOff.text).toContain("Access is off for active@rows.example.");
    expect(turnedOff.text).toContain("Left the company"); // the row now says why
    expect(listed(turnedOff.text)).toEqual(["active@rows.example", "invited@rows.example", "off@rows.example"]);
    expect(await statusOf(active)).toBe("disabled");

    const backOn = await rowAction(admin, firm, off, "access", csrf, { access: "on" });
    expect(backOn.status).toBe(200);
    expect(backOn.text).toContain("Access is back on for off@rows.example.");
    expect(await statusOf(off)).toBe("active");

    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.subject])).toEqual([
      ["client_invited", invited.email],
      ["client_link_sent", active.email],
      ["client_link_sent", active.email],
      ["client_access_off", active.email],
      ["client_access_on", off.email],
    ]);
  });

  test("an action on the second page of a status filter lands on that page again", async () => {
    const firm = await createFirm(gw.db);
    await gw.db.portalAccount.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ firmId: firm.id, email: `p${String(i).padStart(2, "0")}@paged.example`, status: "active" as const })) });
    await createPortalAccount(gw.db, firm, { email: "p99@paged.example", status: "invited", withPassword: false });
    const admin = await signedInStaff(gw, firm, "owner");
    const first = await admin.get(`/portal/${firm.slug}/admin/clients?status=active`);
    const next = (/href="([^"]*\/admin\/clients\?[^"]*cursor=[^"]+)"/.exec(first.text)?.[1] ?? "").replace(/&amp;/g, "&");
    const second = await admin.get(next);
    expect(listed(second.text)).toHaveLength(10);
    const cursor = /name="cursor" value="([^"]+)"/.exec(second.text)?.[1] ?? "";
    expect(cursor).not.toBe("");
    const target = await gw.db.portalAccount.findFirstOrThrow({ where: { firmId: firm.id, email: "p55@paged.example" } });
    const off = await admin.post(`/portal/${firm.slug}/admin/clients/${target.id}/access`).type("form")
      .send({ _csrf: csrfFrom(second.text), back: "list", search: "", status: "active", flagged: "", cursor, access: "off", confirm: "yes" });
    expect(off.status).toBe(200);
    expect(off.text).toContain("Access is off for p55@paged.example.");
    // Page two of the active clients, as it is now: p55 has left the filter; p99 (invited) was never in it.
    expect(listed(off.text)).toEqual(["p50@paged.example", "p51@paged.example", "p52@paged.example", "p53@paged.example", "p54@paged.example", "p56@paged.example", "p57@paged.example", "p58@paged.example", "p59@paged.example"]);
    expect(off.text).toContain('<input type="hidden" name="status" value="active">');
  });

  test("support staff send links from the list but cannot turn access off or on: no such buttons, and a posted form is refused", async () => {
    const { firm, active, off } = await firmWithClients();
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/clients?search=rows`);
    expect(page.text).toContain("Send a sign-in link");
    expect(page.text).not.toContain("Turn access off");
    expect(page.text).not.toContain("Turn access back on");
    const csrf = csrfFrom(page.text);
    const refusedOff = await rowAction(support, firm, active, "access", csrf, { access: "off", confirm: "yes" });
    expect(refusedOff.status).toBe(403);
    expect(refusedOff.text).toContain("Only an owner or admin can turn a client&#39;s access off or on.");
    expect(listed(refusedOff.text)).toContain("active@rows.example"); // still the list
    const refusedOn = await rowAction(support, firm, off, "access", csrf, { access: "on" });
    expect(refusedOn.status).toBe(403);
    expect([await statusOf(active), await statusOf(off)]).toEqual(["active", "disabled"]);
    const sent = await rowAction(support, firm, active, "link", csrf, { kind: "magic", delivery: "email" });
    expect(sent.status).toBe(200); // as on the client page: any staff member sends links
    expect(await gw.db.staffAction.count({ where: { firmId: firm.id, action: { in: ["client_access_off", "client_access_on"] } } })).toBe(0);
  });

  test("another firm's client is a 404 from both sides, with nothing changed or sent", async () => {
    const { firm, invited, active } = await firmWithClients();
    const other = await createFirm(gw.db);
    const outsider = await signedInStaff(gw, other, "owner");
    const csrf = csrfFrom((await outsider.get(`/portal/${other.slug}/admin/clients`)).text);
    const crossOff = await rowAction(outsider, other, active, "access", csrf, { access: "off", confirm: "yes" });
    expect(crossOff.status).toBe(404);
    expect(crossOff.text).toContain("No such client on this portal.");
    expect(crossOff.text).not.toContain(active.email);
    const crossLink = await rowAction(outsider, other, invited, "link", csrf, { kind: "invite", delivery: "email" });
    expect(crossLink.status).toBe(404);
    expect(await statusOf(active)).toBe("active");
    expect(await gw.db.outboxEmail.count({ where: { firmId: { in: [firm.id, other.id] } } })).toBe(0);
    expect(await gw.db.staffAction.count({ where: { firmId: { in: [firm.id, other.id] } } })).toBe(0);

    // And firm A's own admin, on firm A's list, never sees firm B's clients to act on.
    const bClient = await createPortalAccount(gw.db, other, { email: "b-only@rows.example" });
    const admin = await signedInStaff(gw, firm, "admin");
    const list = await admin.get(`/portal/${firm.slug}/admin/clients?search=rows`);
    expect(list.text).not.toContain(bClient.id);
    expect(list.text).not.toContain("b-only@rows.example");
  });

  test("a form without its CSRF token is refused, and an id that is not a UUID is a 404", async () => {
    const { firm, active } = await firmWithClients();
    const admin = await signedInStaff(gw, firm, "admin");
    const csrf = csrfFrom((await admin.get(`/portal/${firm.slug}/admin/clients`)).text);
    const noToken = await admin.post(`/portal/${firm.slug}/admin/clients/${active.id}/access`).type("form").send({ back: "list", access: "off", confirm: "yes" });
    expect(noToken.status).toBe(403);
    const noTokenLink = await admin.post(`/portal/${firm.slug}/admin/clients/${active.id}/link`).type("form").send({ back: "list", kind: "magic", delivery: "email" });
    expect(noTokenLink.status).toBe(403);
    expect(await statusOf(active)).toBe("active");
    expect(await gw.db.outboxEmail.count({ where: { firmId: firm.id } })).toBe(0);

    for (const id of ["not-a-uuid", "00000000-0000-0000-0000-00000000000z", "1 OR 1=1"]) {
      const res = await rowAction(admin, firm, { id: encodeURIComponent(id) }, "access", csrf, { access: "off", confirm: "yes" });
      expect(res.status).toBe(404);
      expect((await rowAction(admin, firm, { id: encodeURIComponent(id) }, "link", csrf, { kind: "magic", delivery: "email" })).status).toBe(404);
    }
    expect(await gw.db.staffAction.count({ where: { firmId: firm.id } })).toBe(0);
  });
});

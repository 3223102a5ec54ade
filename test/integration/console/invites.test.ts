import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, createStaffAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { NEW_PASSWORD } from "../../helpers/links";
import { syncNow } from "../../helpers/sync";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

async function invite(admin: ReturnType<TestGateway["agent"]>, email: string, delivery: "email" | "copy" = "email", slug = firm.slug) {
  const page = await admin.get(`/portal/${slug}/admin`);
  return admin.post(`/portal/${slug}/admin/invites`).type("form").send({ _csrf: csrfFrom(page.text), email, delivery });
}

describe("staff invite clients from the console", () => {
  test("a new address gets an invited account and an emailed invite; inviting again sends a fresh link and retires the first", async () => {
    const admin = await signedInStaff(gw, firm);
    const first = await invite(admin, "  New.Client@Example.COM ");
    expect(first.status).toBe(200);
    expect(first.text).toContain("Invite sent to new.client@example.com. The link works until");
    const account = await gw.db.portalAccount.findUniqueOrThrow({ where: { firmId_email: { firmId: firm.id, email: "new.client@example.com" } } });
    expect(account.status).toBe("invited");
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "new.client@example.com", kind: "invite_client" } })).toBe(1);

    const again = await invite(admin, "new.client@example.com");
    expect(again.text).toContain("The earlier invite link no longer works.");
    const links = await gw.db.accessLink.findMany({ where: { portalAccountId: account.id, kind: "invite_client" }, orderBy: { createdAt: "asc" } });
    expect(links).toHaveLength(2);
    expect(links[0]?.supersededAt).not.toBeNull();
    expect(links[1]?.supersededAt).toBeNull();
    expect(await gw.db.portalAccount.count({ where: { firmId: firm.id, email: "new.client@example.com" } })).toBe(1);
  });

  test("'show me a link' shows a working invite link once, and emails nothing", async () => {
    const admin = await signedInStaff(gw, firm, "support");
    const shown = await invite(admin, "by-hand@example.com", "copy");
    const [, copyId, url] = /<code class="link" id="(copy-[0-9a-f]+)">(https?:\/\/[^<]+)<\/code>/.exec(shown.text) as unknown as [string, string, string];
    expect(shown.text).toContain("Copy it now: it is shown only once.");
    // The link wraps (code.link) and has a Copy button that the console's script reveals.
    expect(shown.text).toContain(`<button type="button" class="copy" data-copy="${copyId}" hidden>Copy link</button>`);
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "by-hand@example.com" } })).toBe(0);
    const path = new URL(url).pathname;
    expect(path).toMatch(new RegExp(`^${base}/claim/[A-Za-z0-9_-]{43}$`));
    expect((await request(gw.app).get(path)).status).toBe(200);
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { firmId_email: { firmId: firm.id, email: "by-hand@example.com" } } })).status).toBe("active");
    expect((await admin.get(`${base}/admin`)).text).not.toContain(url);
  });

  test("active and disabled accounts get no link and a reason; a typo gets a 400 that says so", async () => {
    const admin = await signedInStaff(gw, firm);
    const active = await createPortalAccount(gw.db, firm, { email: "already@example.com" });
    const disabled = await createPortalAccount(gw.db, firm, { email: "off@example.com", status: "disabled" });
    expect((await invite(admin, active.email)).text).toContain("already has access");
    expect((await invite(admin, disabled.email)).text).toContain("access is turned off, so no invite was sent");
    expect(await gw.db.accessLink.count({ where: { portalAccountId: { in: [active.id, disabled.id] } } })).toBe(0);
    const typo = await invite(admin, "not an email");
    expect(typo.status).toBe(400);
    expect(typo.text).toContain("is not an email address");
  });

  test("an invite on firm B never touches firm A's account of the same address; a client cannot invite", async () => {
    const other = await createFirm(gw.db);
    const mine = await createPortalAccount(gw.db, firm, { email: "shared@example.com" });
    const adminB = await signedInStaff(gw, other);
    expect((await invite(adminB, "shared@example.com", "email", other.slug)).text).toContain("Invite sent to shared@example.com");
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("active");
    expect(await gw.db.accessLink.count({ where: { portalAccountId: mine.id } })).toBe(0);

    const client = gw.agent();
    const page = await client.get(`${base}/login`);
    const refused = await client.post(`${base}/admin/invites`).type("form").send({ _csrf: csrfFrom(page.text), email: "x@example.com" });
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toBe(`${base}/admin/login`);
  });
});

async function inviteStaffMember(admin: ReturnType<TestGateway["agent"]>, email: string, role: string, delivery: "email" | "copy" = "email") {
  const page = await admin.get(`${base}/admin`);
  return admin.post(`${base}/admin/staff`).type("form").send({ _csrf: csrfFrom(page.text), email, role, delivery });
}

describe("owners and admins invite colleagues to the console", () => {
  test("an admin's shown link sets up a support colleague who lands on the console, signed in as staff", async () => {
    const admin = await signedInStaff(gw, firm, "admin");
    const shown = await inviteStaffMember(admin, "New.Colleague@Firm.example", "support", "copy");
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("Staff invite link for new.colleague@firm.example, valid until");
    expect(shown.text).toContain("(one hour)");
    const url = /<code class="link" id="copy-[0-9a-f]+">(https?:\/\/[^<]+)<\/code>/.exec(shown.text)?.[1] as string;
    const path = new URL(url).pathname;
    expect(path).toMatch(new RegExp(`^${base}/claim/`));

    const colleague = gw.agent();
    expect((await colleague.get(path)).status).toBe(200);
    const claimed = await colleague.post(path).type("form").send({ password: NEW_PASSWORD });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.location).toBe(`${base}/admin`);
    const consolePage = await colleague.get(`${base}/admin`);
    expect(consolePage.status).toBe(200);
    expect(consolePage.text).toContain("new.colleague@firm.example");
    // Support staff invite clients but not colleagues: the form is not there, and a forged post is refused.
    expect(consolePage.text).not.toContain("Invite a colleague");
    const refused = await inviteStaffMember(colleague, "another@firm.example", "support");
    expect(refused.status).toBe(403);
    expect(await gw.db.staffAccount.count({ where: { firmId: firm.id, email: "another@firm.example" } })).toBe(0);
    const staff = await gw.db.staffAccount.findUniqueOrThrow({ where: { firmId_email: { firmId: firm.id, email: "new.colleague@firm.example" } } });
    expect(staff).toMatchObject({ role: "support", status: "active" });
  });

  test("nobody grants a role above their own; an emailed invite is queued; a client account of the address is untouched", async () => {
    const admin = await signedInStaff(gw, firm, "admin");
    const tooHigh = await inviteStaffMember(admin, "boss@firm.example", "owner");
    expect(tooHigh.status).toBe(403);
    expect(tooHigh.text).toContain("You cannot give the role &quot;owner&quot;");
    expect(await gw.db.staffAccount.count({ where: { firmId: firm.id, email: "boss@firm.example" } })).toBe(0);

    const client = await createPortalAccount(gw.db, firm, { email: "dual@example.com" });
    const owner = await signedInStaff(gw, firm, "owner");
    const sent = await inviteStaffMember(owner, "dual@example.com", "owner");
    expect(sent.text).toContain("Staff invite sent to dual@example.com");
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "dual@example.com", kind: "invite_staff" } })).toBe(1);
    // Inviting the still-unclaimed colleague again with another role: the new role, a fresh link.
    expect((await inviteStaffMember(owner, "dual@example.com", "support")).text).toContain("The earlier invite link no longer works.");
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { firmId_email: { firmId: firm.id, email: "dual@example.com" } } })).role).toBe("support");
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: client.id } })).status).toBe("active");
    expect(await gw.db.accessLink.count({ where: { portalAccountId: client.id } })).toBe(0);
  });

  test("an active colleague gets no new link; firm B's owner inviting the same address makes firm B's account only", async () => {
    const owner = await signedInStaff(gw, firm, "owner");
    const active = await createStaffAccount(gw.db, firm, { email: "steady@firm.example", role: "admin", withPassword: false });
    expect((await inviteStaffMember(owner, active.email, "support")).text).toContain("is already on the staff console");
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { id: active.id } })).role).toBe("admin");
    expect(await gw.db.accessLink.count({ where: { staffAccountId: active.id } })).toBe(0);

    const other = await createFirm(gw.db);
    const ownerB = await signedInStaff(gw, other, "owner");
    const page = await ownerB.get(`/portal/${other.slug}/admin`);
    const res = await ownerB.post(`/portal/${other.slug}/admin/staff`).type("form").send({ _csrf: csrfFrom(page.text), email: active.email, role: "admin" });
    expect(res.text).toContain(`Staff invite sent to ${active.email}`);
    expect(await gw.db.staffAccount.count({ where: { email: active.email } })).toBe(2);
    expect(await gw.db.accessLink.count({ where: { staffAccountId: active.id } })).toBe(0);
  });
});

describe("an invite asks the firm's PSA first, so it does not become next week's 'no projects' ticket", () => {
  let psaFirm: Firm;
  let admin: ReturnType<TestGateway["agent"]>;
  beforeAll(async () => {
    const created = await createFirm(gw.db);
    psaFirm = await connectDemoPsa(gw.db, created);
    expect(await syncNow(gw, psaFirm)).toMatchObject({ kind: "finished", status: "succeeded" });
    admin = await signedInStaff(gw, psaFirm);
  });

  const inviteHere = (email: string, extra: Record<string, string> = {}) =>
    admin.get(`/portal/${psaFirm.slug}/admin`).then((page) => admin.post(`/portal/${psaFirm.slug}/admin/invites`).type("form").send({ _csrf: csrfFrom(page.text), email, delivery: "email", ...extra }));
  const accountOf = (email: string) => gw.db.portalAccount.findUnique({ where: { firmId_email: { firmId: psaFirm.id, email } } });

  test("an address the PSA does not know is held back with the near match it does know, and inviting that works", async () => {
    const held = await inviteHere("jane.doe@acme.com");
    expect(held.status).toBe(200);
    expect(held.text).toContain("Not sent yet.");
    expect(held.text).toContain("jane.doe@acme.com matches no contact in the PSA.");
    expect(held.text).toContain("Invite jane@acme.com instead");
    expect(held.text).toContain("add jane.doe@acme.com to that contact&#39;s emails in the PSA, then invite again.");
    expect(await accountOf("jane.doe@acme.com")).toBeNull();
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "jane.doe@acme.com" } })).toBe(0);

    const instead = await inviteHere("jane@acme.com");
    expect(instead.text).toContain("Invite sent to jane@acme.com");
    expect(await accountOf("jane@acme.com")).toMatchObject({ status: "invited" });
  });

  test("an archived contact is held back with its cause; 'invite anyway' sends it; an address the PSA knows goes straight out", async () => {
    const held = await inviteHere("former@acme.com");
    expect(held.text).toContain("former@acme.com is an inactive contact in the PSA, so access is refused.");
    expect(held.text).not.toContain("instead");
    expect(await accountOf("former@acme.com")).toBeNull();
    const anyway = await inviteHere("former@acme.com", { confirmed: "yes" });
    expect(anyway.text).toContain("Invite sent to former@acme.com");
    expect(await accountOf("former@acme.com")).toMatchObject({ status: "invited" });

    const known = await inviteHere("carl@beaconbuilders.com");
    expect(known.text).toContain("Invite sent to carl@beaconbuilders.com");
    expect(known.text).not.toContain("Not sent yet.");
  });
});

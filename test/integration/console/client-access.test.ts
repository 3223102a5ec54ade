import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { syncNow } from "../../helpers/sync";

type Agent = ReturnType<TestGateway["agent"]>;
let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const lookUp = (staff: Agent, email: string, slug = firm.slug) => staff.get(`/portal/${slug}/admin/clients?email=${encodeURIComponent(email)}`);

async function press(staff: Agent, accountId: string, action: "unlock" | "access", fields: Record<string, string> = {}, slug = firm.slug) {
  const page = await staff.get(`/portal/${slug}/admin`);
  return staff.post(`/portal/${slug}/admin/clients/${accountId}/${action}`).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
}

describe("client access: why can't this client sign in?", () => {
  test("a locked-out client: the page shows the lock and the failed attempts; support unlocks, and the right password works at once", async () => {
    const account = await createPortalAccount(gw.db, firm);
    for (let i = 0; i < 5; i++) expect((await signIn(gw.agent(), base, account.email, "wrong password, again")).status).toBe(401);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(429);

    const support = await signedInStaff(gw, firm, "support");
    const page = await lookUp(support, account.email.toUpperCase());
    expect(page.status).toBe(200);
    expect(page.text).toContain("Sign-in locked</strong> after repeated wrong passwords, until");
    expect(page.text).toContain("Sign out");
    expect(page.text).toContain("<code>fail_password</code>");
    expect(page.text).toContain("<code>fail_locked</code>");
    expect(page.text).toContain("Wrong password for an existing account");
    // Support staff unlock, but the access switch is for owners and admins.
    expect(page.text).not.toContain("Turn access off");

    const unlocked = await press(support, account.id, "unlock");
    expect(unlocked.text).toContain(`Sign-in unlocked for ${account.email}`);
    expect(unlocked.text).toContain("Sign-in not locked");
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });

  test("an admin turns access off with a reason (open sessions end) and back on; support cannot", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const client = gw.agent();
    expect((await signIn(client, base, account.email, TEST_PASSWORD)).status).toBe(303);
    expect((await client.get(`${base}/`)).status).toBe(200);

    const support = await signedInStaff(gw, firm, "support");
    expect((await press(support, account.id, "access", { access: "off" })).status).toBe(403);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");

    const admin = await signedInStaff(gw, firm, "admin");
    // Turning access off asks to confirm first (a ticked box, so it works with scripts off).
    const unconfirmed = await press(admin, account.id, "access", { access: "off", reason: "Left Acme in November" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain("tick the box to confirm");
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    const off = await press(admin, account.id, "access", { access: "off", reason: "Left Acme in November", confirm: "yes" });
    expect(off.text).toContain(`Access is off for ${account.email}`);
    expect(off.text).toContain("access turned off on");
    expect(off.text).toContain(": Left Acme in November");
    expect((await client.get(`${base}/`)).status).toBe(303); // the open session ended
    const refused = await signIn(gw.agent(), base, account.email, TEST_PASSWORD);
    expect(refused.status).toBe(403);

    const on = await press(admin, account.id, "access", { access: "on" });
    expect(on.text).toContain(`Access is back on for ${account.email}`);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
    const stored = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored).toMatchObject({ status: "active", statusReason: null });
    expect(stored.statusChangedBy).toMatch(/^staff:admin-/);
  });

  test("another firm's staff can neither see nor change this firm's client", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const other = await createFirm(gw.db);
    const adminB = await signedInStaff(gw, other, "owner");
    const seen = await lookUp(adminB, account.email, other.slug);
    expect(seen.text).toContain("No portal account with this email");
    expect((await press(adminB, account.id, "access", { access: "off" }, other.slug)).status).toBe(404);
    expect((await press(adminB, account.id, "unlock", {}, other.slug)).status).toBe(404);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    // And a client of this firm is no staff member anywhere.
    const client = gw.agent();
    expect((await signIn(client, base, account.email, TEST_PASSWORD)).status).toBe(303);
    expect((await lookUp(client, account.email)).status).toBe(303);
  });

  test("what the PSA says is part of the answer: the company, or the cause and the fix with the near match", async () => {
    const created = await createFirm(gw.db);
    const psaFirm = await connectDemoPsa(gw.db, created);
    expect(await syncNow(gw, psaFirm)).toMatchObject({ kind: "finished", status: "succeeded" });
    const admin = await signedInStaff(gw, psaFirm);
    await createPortalAccount(gw.db, psaFirm, { email: "omar@acme.com" });
    expect((await lookUp(admin, "omar@acme.com", psaFirm.slug)).text).toContain("A contact of Acme Corp.");
    const missing = await lookUp(admin, "jane.doe@acme.com", psaFirm.slug);
    expect(missing.text).toContain("No portal account with this email");
    expect(missing.text).toContain("jane.doe@acme.com matches no contact in the PSA.");
    expect(missing.text).toContain("The PSA has jane@acme.com, which looks like the same person");
    expect((await lookUp(admin, "not an email", psaFirm.slug)).status).toBe(400);
    expect((await lookUp(admin, "former@acme.com", psaFirm.slug)).text).toContain("is an inactive contact in the PSA");
  });
});

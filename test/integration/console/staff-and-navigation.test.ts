import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

type Agent = ReturnType<TestGateway["agent"]>;
let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

async function post(agent: Agent, path: string, fields: Record<string, string>) {
  const page = await agent.get(`${base}/admin/staff`);
  return agent.post(`${base}${path}`).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
}

describe("the console's navigation bar", () => {
  test("every console page has it, with the open flags counted; the current section is marked", async () => {
    const account = await createPortalAccount(gw.db, firm);
    await gw.db.accessFlag.create({ data: { firmId: firm.id, portalAccountId: account.id, kind: "no_company" } });
    await gw.db.emailMismatch.create({ data: { firmId: firm.id, portalAccountId: account.id, accountEmail: account.email } });
    const admin = await signedInStaff(gw, firm);
    for (const [path, current] of [["/admin", "Flags"], ["/admin/clients", "Clients"], ["/admin/templates", "Templates"], ["/admin/psa", "PSA"], ["/admin/staff", "Staff"]] as const) {
      const page = await admin.get(`${base}${path}`);
      expect(page.status).toBe(200);
      const nav = /<nav class="console"[\s\S]*?<\/nav>/.exec(page.text)?.[0] ?? "";
      for (const label of ["Clients", "Flags", "Sync", "Templates", "PSA", "Settings", "Staff"]) expect(nav).toContain(`>${label}`);
      expect(nav).toContain(`href="${base}/admin/sync"`);
      expect(nav).toMatch(/>Flags <span class="count" title="2 open">2<\/span>/);
      expect(nav).toMatch(new RegExp(`aria-current="page">${current}`));
    }
    // Another firm's console counts its own flags only.
    const other = await createFirm(gw.db);
    const otherAdmin = await signedInStaff(gw, other);
    expect((await otherAdmin.get(`/portal/${other.slug}/admin`)).text).not.toContain('class="count"');
  });

  test("the Copy buttons' script is served same-origin, and the console page loads it", async () => {
    const script = await request(gw.app).get("/assets/console.js");
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toMatch(/javascript/);
    expect(script.text).toContain("navigator.clipboard.writeText");
    const admin = await signedInStaff(gw, firm);
    expect((await admin.get(`${base}/admin`)).text).toContain('<script src="/assets/console.js" defer></script>');
  });
});

describe("the Staff page", () => {
  test("lists colleagues with role and status; owners change roles and turn access off (confirmed), which ends the colleague's session", async () => {
    const owner = await signedInStaff(gw, firm, "owner");
    const colleague = await createStaffAccount(gw.db, firm, { role: "support", email: "colleague@firm.example" });
    await createStaffAccount(gw.db, firm, { role: "admin", email: "pending@firm.example", status: "invited", withPassword: false });
    const page = await owner.get(`${base}/admin/staff`);
    expect(page.text).toMatch(/<td>colleague@firm\.example<\/td><td>support<\/td><td>active<\/td>/);
    expect(page.text).toMatch(/<td>pending@firm\.example<\/td><td>admin<\/td><td>invited, not claimed yet<\/td>/);
    expect(page.text).toContain('class="danger">Turn access off</button>');

    const promoted = await post(owner, `/admin/staff/${colleague.id}/role`, { role: "admin" });
    expect(promoted.text).toContain("colleague@firm.example is now admin.");
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { id: colleague.id } })).role).toBe("admin");

    const session = gw.agent();
    const login = await session.get(`${base}/admin/login`);
    expect((await session.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(login.text), email: colleague.email, password: TEST_PASSWORD })).status).toBe(303);
    expect((await session.get(`${base}/admin`)).status).toBe(200);

    const unconfirmed = await post(owner, `/admin/staff/${colleague.id}/access`, { access: "off" });
    expect(unconfirmed.status).toBe(400);
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { id: colleague.id } })).status).toBe("active");
    const off = await post(owner, `/admin/staff/${colleague.id}/access`, { access: "off", confirm: "yes" });
    expect(off.text).toContain("colleague@firm.example&#39;s console access is off.");
    expect((await session.get(`${base}/admin`)).status).toBe(303);
    const on = await post(owner, `/admin/staff/${colleague.id}/access`, { access: "on" });
    expect(on.text).toContain("console access is back on");

    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id, subject: colleague.email }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.before, row.after])).toEqual([
      ["staff_role_changed", { role: "support" }, { role: "admin" }],
      ["staff_access_off", { status: "active" }, { status: "disabled" }],
      ["staff_access_on", { status: "disabled" }, { status: "active" }],
    ]);
    expect(log.every((row) => row.actorKind === "staff" && row.actorLabel.startsWith("staff:owner-"))).toBe(true);
  });

  test("admins and support cannot change colleagues; nobody changes themselves or removes the last owner; firm B cannot touch firm A's staff", async () => {
    const fresh = await createFirm(gw.db);
    const slug = fresh.slug;
    const owner = await signedInStaff(gw, fresh, "owner");
    const admin = await signedInStaff(gw, fresh, "admin");
    const [ownerRow] = await gw.db.staffAccount.findMany({ where: { firmId: fresh.id, role: "owner" } });
    const send = async (agent: Agent, path: string, fields: Record<string, string>) => {
      const page = await agent.get(`/portal/${slug}/admin/staff`);
      return agent.post(`/portal/${slug}${path}`).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
    };
    const adminPage = await admin.get(`/portal/${slug}/admin/staff`);
    expect(adminPage.text).not.toContain("Turn access off");
    expect((await send(admin, `/admin/staff/${ownerRow?.id}/role`, { role: "support" })).status).toBe(403);
    // The last owner cannot demote themself (own account) and no one can remove them.
    expect((await send(owner, `/admin/staff/${ownerRow?.id}/role`, { role: "admin" })).text).toContain("you cannot change your own role");
    const secondOwner = await createStaffAccount(gw.db, fresh, { role: "owner", status: "disabled" });
    expect((await send(owner, `/admin/staff/${secondOwner.id}/role`, { role: "owner" })).status).toBe(200);

    const other = await createFirm(gw.db);
    const ownerB = await signedInStaff(gw, other, "owner");
    const page = await ownerB.get(`/portal/${other.slug}/admin/staff`);
    expect(page.text).not.toContain(ownerRow?.email as string);
    const crossed = await ownerB.post(`/portal/${other.slug}/admin/staff/${ownerRow?.id}/access`).type("form").send({ _csrf: csrfFrom(page.text), access: "off", confirm: "yes" });
    expect(crossed.status).toBe(404);
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { id: ownerRow?.id } })).status).toBe("active");
  });

  test("a client's session is no staff session: the Staff page sends it to staff sign-in", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const client = gw.agent();
    expect((await signIn(client, base, account.email, TEST_PASSWORD)).status).toBe(303);
    expect((await client.get(`${base}/admin/staff`)).status).toBe(303);
  });
});

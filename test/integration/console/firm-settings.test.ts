import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

type Agent = ReturnType<TestGateway["agent"]>;
let gw: TestGateway;

beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

async function post(agent: Agent, firm: Firm, path: string, fields: Record<string, string>) {
  const page = await agent.get(`/portal/${firm.slug}/admin/settings`);
  return agent.post(`/portal/${firm.slug}${path}`).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
}
const settingsOf = async (firm: Firm) => (await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).settings as Record<string, unknown>;
const logOf = (firm: Firm) => gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });

describe("firm settings on the console", () => {
  test("an admin changes settings field by field: each change has its own audit row (who, what, before, after), and the portal follows", async () => {
    const firm = await createFirm(gw.db, { settings: { timeZone: "America/Chicago", lockoutMaxFailures: 7 } });
    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/settings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="America/Chicago"');
    for (const label of ["Support email", "Time zone", "Minimum password length", "Password reset link lifetime (minutes)", "Identity check at invite claim"]) expect(page.text).toContain(label);

    const saved = await post(admin, firm, "/admin/settings", {
      timeZone: "Europe/Paris",
      supportEmail: "help@firm.example",
      lockoutMaxFailures: "",
      "linkLifetimesMinutes.reset": "30",
      showClosedProjects: "yes",
      currency: "eur",
    });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Saved: 6 settings changed.");
    const stored = await settingsOf(firm);
    expect(stored).toMatchObject({ timeZone: "Europe/Paris", supportEmail: "help@firm.example", currency: "EUR", showClosedProjects: true, linkLifetimesMinutes: { reset: 30 } });
    expect(stored).not.toHaveProperty("lockoutMaxFailures"); // left empty: back to the product's default

    const log = await logOf(firm);
    expect(log.map((row) => [row.action, row.subject, row.before, row.after])).toEqual(
      expect.arrayContaining([
        ["settings_changed", "timeZone", { value: "America/Chicago" }, { value: "Europe/Paris" }],
        ["settings_changed", "supportEmail", { value: null }, { value: "help@firm.example" }],
        ["settings_changed", "lockoutMaxFailures", { value: 7 }, { value: null }],
        ["settings_changed", "currency", { value: null }, { value: "EUR" }],
        ["settings_changed", "linkLifetimesMinutes.reset", { value: null }, { value: 30 }],
        ["settings_changed", "showClosedProjects", { value: null }, { value: true }],
      ]),
    );
    expect(log).toHaveLength(6);
    expect(log.every((row) => row.actorKind === "staff" && row.actorLabel.startsWith("staff:admin-"))).toBe(true);

    // The portal reads the new contact straight away.
    const client = await createPortalAccount(gw.db, firm, { status: "disabled" });
    const refused = await signIn(gw.agent(), `/portal/${firm.slug}`, client.email, "correct horse battery staple");
    expect(refused.text).toContain("help@firm.example");
  });

  test("every problem is reported beside its field, nothing is saved and nothing is logged", async () => {
    const firm = await createFirm(gw.db, { settings: { supportPhone: "+1 555 010 0199" } });
    const owner = await signedInStaff(gw, firm, "owner");
    const refused = await post(owner, firm, "/admin/settings", { timeZone: "Mars/Olympus", passwordMinLength: "10", brandColor: "#ffff00", lockoutWindowMinutes: "ten", supportPhone: "" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Nothing was saved");
    expect(refused.text).toMatch(/id="timeZone-error">a time zone such as America\/New_York/);
    expect(refused.text).toMatch(/id="passwordMinLength-error">at least 12, the product&#39;s minimum/);
    expect(refused.text).toMatch(/id="brandColor-error">too light for white text/);
    expect(refused.text).toMatch(/id="lockoutWindowMinutes-error">a whole number/);
    expect(refused.text).toContain('value="Mars/Olympus"'); // what was typed stays in the form
    expect(await settingsOf(firm)).toEqual({ supportPhone: "+1 555 010 0199" });
    expect(await logOf(firm)).toHaveLength(0);

    // Bad shapes are read as a person would mean them, never a 500.
    const odd = await owner.post(`/portal/${firm.slug}/admin/settings`).type("json").send({ _csrf: csrfFrom((await owner.get(`/portal/${firm.slug}/admin/settings`)).text), timeZone: { a: 1 }, locale: ["x"] });
    expect(odd.status).toBeLessThan(500);
  });

  test("the sync's schedule and mass-disable guard are settings too: validated (the guard only below the gateway's ceiling), logged, and the Sync page follows", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/settings`);
    expect(page.text).toContain("<legend>PSA sync</legend>");
    expect(page.text).toContain('name="sync.incrementalMinutes"');
    const refused = await post(admin, firm, "/admin/settings", { "sync.incrementalMinutes": "soon", "sync.fullAt": "25:00", "sync.massDisableMax": "26" });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="sync\.incrementalMinutes-error">a number of minutes from 1 to 10080, or off/);
    expect(refused.text).toMatch(/id="sync\.fullAt-error">a time such as 03:30, or off/);
    expect(refused.text).toMatch(/id="sync\.massDisableMax-error">at most 25, the gateway&#39;s ceiling/);
    expect(await settingsOf(firm)).toEqual({});

    const saved = await post(admin, firm, "/admin/settings", { "sync.incrementalMinutes": "30", "sync.fullAt": "off", "sync.massDisablePercent": "5", "sync.massDisableMax": "" });
    expect(saved.status).toBe(200);
    expect(await settingsOf(firm)).toEqual({ sync: { incrementalMinutes: 30, fullAt: "off", massDisablePercent: 5 } });
    expect((await logOf(firm)).map((row) => [row.subject, row.after])).toEqual(
      expect.arrayContaining([["sync.incrementalMinutes", { value: 30 }], ["sync.fullAt", { value: "off" }], ["sync.massDisablePercent", { value: 5 }]]),
    );
    const sync = await admin.get(`/portal/${firm.slug}/admin/sync`);
    expect(sync.text).toContain("Changes from the PSA: every 30 minutes");
    expect(sync.text).toContain("Full reconciliation (finds clients gone from the PSA): off.");
    expect(sync.text).toContain("more than 5 % of the active accounts");
    // The form sends every field: the ones left empty go back to the gateway's.
    expect((await post(admin, firm, "/admin/settings", { "sync.incrementalMinutes": "off" })).status).toBe(200);
    expect(await settingsOf(firm)).toEqual({ sync: { incrementalMinutes: "off" } });
  });

  test("support staff read the settings but cannot change them; other firms' staff see nothing of them", async () => {
    const firm = await createFirm(gw.db, { settings: { supportEmail: "desk@firm.example" } });
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/settings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("desk@firm.example");
    expect(page.text).toContain("only the firm's owners and admins change them");
    expect(page.text).not.toContain("Save settings");
    const refused = await post(support, firm, "/admin/settings", { supportEmail: "evil@example.com" });
    expect(refused.status).toBe(403);
    expect((await post(support, firm, "/admin/settings/slug", { slug: "stolen" })).status).toBe(403);
    expect(await settingsOf(firm)).toEqual({ supportEmail: "desk@firm.example" });

    const other = await createFirm(gw.db);
    const outsider = await signedInStaff(gw, other, "owner");
    const peek = await outsider.get(`/portal/${firm.slug}/admin/settings`);
    expect(peek.status).toBe(303);
    expect(peek.text).not.toContain("desk@firm.example");
    const change = await outsider.post(`/portal/${firm.slug}/admin/settings`).type("form").send({ _csrf: csrfFrom((await outsider.get(`/portal/${other.slug}/admin/settings`)).text), supportEmail: "evil@example.com" });
    expect(change.status).not.toBe(200);
    expect(await settingsOf(firm)).toEqual({ supportEmail: "desk@firm.example" });
    expect(await logOf(firm)).toHaveLength(0);
  });

  test("name, slug (the old one keeps redirecting) and custom domains, each validated and logged", async () => {
    const firm = await createFirm(gw.db, { name: "Old Name" });
    const taken = await createFirm(gw.db);
    const owner = await signedInStaff(gw, firm, "owner");
    expect((await post(owner, firm, "/admin/settings/name", { name: "  " })).status).toBe(400);
    const renamed = await post(owner, firm, "/admin/settings/name", { name: "New Name & Partners" });
    expect(renamed.text).toContain("The firm is now called New Name &amp; Partners.");

    const clash = await post(owner, firm, "/admin/settings/slug", { slug: taken.slug });
    expect(clash.status).toBe(400);
    expect(clash.text).toContain("already the address of another portal");
    expect((await post(owner, firm, "/admin/settings/slug", { slug: "Bad Slug!" })).status).toBe(400);
    const newSlug = `moved-${firm.slug}`.slice(0, 40);
    const moved = await post(owner, firm, "/admin/settings/slug", { slug: newSlug });
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe(`/portal/${newSlug}/admin/settings`);
    const old = await gw.agent().get(`/portal/${firm.slug}/login`);
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe(`/portal/${newSlug}/login`);
    const after = await owner.get(`/portal/${newSlug}/admin/settings`);
    expect(after.text).toContain(`Earlier addresses that still redirect here: ${firm.slug}`);
    const moved2 = { ...firm, slug: newSlug };

    expect((await post(owner, moved2, "/admin/settings/domains", { domain: "https://portal.example.com/x" })).status).toBe(400);
    await gw.db.firmDomain.create({ data: { domain: "theirs.example.com", firmId: taken.id } });
    expect((await post(owner, moved2, "/admin/settings/domains", { domain: "theirs.example.com" })).text).toContain("already serves another portal");
    const added = await post(owner, moved2, "/admin/settings/domains", { domain: "Portal.NewName.example" });
    expect(added.status).toBe(200);
    expect(await gw.db.firmDomain.findUnique({ where: { domain: "portal.newname.example" } })).toMatchObject({ firmId: firm.id });
    const unconfirmed = await post(owner, moved2, "/admin/settings/domains/remove", { domain: "portal.newname.example" });
    expect(unconfirmed.status).toBe(400);
    expect(await gw.db.firmDomain.count({ where: { firmId: firm.id } })).toBe(1);
    expect((await post(owner, moved2, "/admin/settings/domains/remove", { domain: "theirs.example.com", confirm: "yes" })).status).toBe(404);
    expect((await post(owner, moved2, "/admin/settings/domains/remove", { domain: "portal.newname.example", confirm: "yes" })).status).toBe(200);

    const log = await logOf(firm);
    expect(log.map((row) => [row.action, row.before, row.after])).toEqual([
      ["firm_renamed", { value: "Old Name" }, { value: "New Name & Partners" }],
      ["slug_changed", { value: firm.slug }, { value: newSlug }],
      ["domain_added", null, { value: "portal.newname.example" }],
      ["domain_removed", { value: "portal.newname.example" }, null],
    ]);
  });
});

describe("the audit log page", () => {
  test("owners read it newest first, paged; admins and support are refused", async () => {
    const firm = await createFirm(gw.db);
    const owner = await signedInStaff(gw, firm, "owner");
    for (let i = 0; i < 55; i += 1) {
      await gw.db.staffAction.create({ data: { firmId: firm.id, at: new Date(Date.UTC(2026, 0, 1, 0, i)), actorKind: "staff", actorLabel: "staff:ana@firm.example", action: "settings_changed", subject: `field-${i}`, before: { value: i }, after: { value: i + 1 } } });
    }
    const first = await owner.get(`/portal/${firm.slug}/admin/audit`);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Changed a setting");
    expect(first.text.indexOf("field-54")).toBeLessThan(first.text.indexOf("field-53"));
    expect(first.text).not.toContain("field-4<");
    const next = /href="([^"]*\/admin\/audit\?cursor=[^"]+)"/.exec(first.text)?.[1] ?? "";
    const second = await owner.get(next.replace(/&amp;/g, "&"));
    expect(second.text).toContain("field-4<");
    expect(second.text).not.toContain("field-5<");
    expect(second.text).not.toContain("Older changes");

    for (const role of ["admin", "support"] as const) {
      const refused = await (await signedInStaff(gw, firm, role)).get(`/portal/${firm.slug}/admin/audit`);
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain("field-54");
    }
    const other = await createFirm(gw.db);
    const outsider = await signedInStaff(gw, other, "owner");
    expect((await outsider.get(`/portal/${other.slug}/admin/audit`)).text).not.toContain("field-54");
  });
});

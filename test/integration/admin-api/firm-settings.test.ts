import request from "supertest";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { effectiveFirmPolicy, effectiveSyncSettings } from "../../../config/firm-settings";
import { publicBaseUrl } from "../../../src/platform/http/public-url";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { API, apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// GET and PATCH /firm/settings: every setting of the console's Settings page (one use-case, the same validation and
// the same staff-action rows), read by every role, changed by owners and admins; one firm's token never another's.
let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway({ env: { FIRM_CACHE_SECONDS: "0" } })), 120_000);
afterAll(() => gw.close());

const as = async (firm: Firm, role: StaffRole) => asToken(gw, await apiToken(gw, firm, role));
const settingsOf = async (firm: Firm) => (await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).settings as Record<string, unknown>;
const logOf = (firm: Firm) => gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });

test("every role reads every setting, null where the firm keeps the product's default", async () => {
  const firm = await createFirm(gw.db, { settings: { timeZone: "America/Chicago", linkLifetimesMinutes: { reset: 30 }, sync: { fullAt: "03:30" }, logoHash: "a".repeat(64) } });
  for (const role of ["owner", "admin", "support"] as const) {
    const res = await (await as(firm, role)).get("/firm/settings");
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("get", "/firm/settings", 200, res.body)).toEqual([]);
    expect(res.body.settings).toEqual(
      expect.objectContaining({
        timeZone: "America/Chicago",
        supportEmail: null,
        showClosedProjects: null,
        passwordMinLength: null,
        identityCheck: null,
        linkLifetimesMinutes: { invite_client: null, invite_staff: null, reset: 30, magic: null, confirm: null },
        sync: { incrementalMinutes: null, fullAt: "03:30", massDisablePercent: null, massDisableMax: null },
      }),
    );
    expect(res.body.settings).not.toHaveProperty("logoHash"); // not a setting the page edits (the logo upload sets it)
  }
});

test("owners and admins change settings: each change is one staff-action row naming the token, and the gateway follows", async () => {
  for (const role of ["owner", "admin"] as const) {
    const firm = await createFirm(gw.db, { settings: { lockoutMaxFailures: 7, supportPhone: "+1 555 010 0199" } });
    const res = await (await as(firm, role)).patch("/firm/settings", {
      supportEmail: "help@api-firm.example",
      supportPhone: null,
      locale: "en-GB",
      timeZone: "Europe/London",
      currency: "eur",
      passwordMinLength: 14,
      lockoutMaxFailures: 3,
      identityCheck: "date_of_birth",
      showClosedProjects: true,
      linkLifetimesMinutes: { magic: 10 },
      sync: { incrementalMinutes: 30, fullAt: "off", massDisablePercent: 5, massDisableMax: 10 },
    });
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("patch", "/firm/settings", 200, res.body)).toEqual([]);
    const keys = ["supportEmail", "supportPhone", "locale", "timeZone", "currency", "showClosedProjects", "passwordMinLength", "lockoutMaxFailures", "identityCheck", "linkLifetimesMinutes.magic", "sync.incrementalMinutes", "sync.fullAt", "sync.massDisablePercent", "sync.massDisableMax"];
    expect([...res.body.changed].sort()).toEqual([...keys].sort());
    expect(res.body.settings).toEqual(expect.objectContaining({ currency: "EUR", supportPhone: null, linkLifetimesMinutes: expect.objectContaining({ magic: 10 }), sync: { incrementalMinutes: 30, fullAt: "off", massDisablePercent: 5, massDisableMax: 10 } }));

    const stored = await settingsOf(firm);
    expect(stored).not.toHaveProperty("supportPhone");
    expect(effectiveFirmPolicy(stored, gw.config)).toEqual({ passwordMinLength: 14, lockoutMaxFailures: 3, lockoutWindowMinutes: gw.config.LOCKOUT_WINDOW_MINUTES, lockoutDurationMinutes: gw.config.LOCKOUT_DURATION_MINUTES });
    expect(effectiveSyncSettings(stored, gw.config)).toEqual({ incrementalMinutes: 30, fullAtMinute: "off", massDisablePercent: 5, massDisableMax: 10 });

    const log = await logOf(firm);
    expect(log.map((row) => row.subject).sort()).toEqual([...keys].sort());
    expect(log.every((row) => row.action === "settings_changed" && row.actorKind === "api_token" && row.actorLabel === `api-token:test ${role}`)).toBe(true);
    expect(log.find((row) => row.subject === "lockoutMaxFailures")).toMatchObject({ before: { value: 7 }, after: { value: 3 } });
    expect(log.find((row) => row.subject === "supportPhone")).toMatchObject({ before: { value: "+1 555 010 0199" }, after: { value: null } });
    expect(log.find((row) => row.subject === "sync.fullAt")).toMatchObject({ before: { value: null }, after: { value: "off" } });

    // The portal tells a client whose access is off to write to the new support address.
    const client = await createPortalAccount(gw.db, firm, { status: "disabled" });
    expect((await signIn(gw.agent(), `/portal/${firm.slug}`, client.email, TEST_PASSWORD)).text).toContain("help@api-firm.example");

    const again = await (await as(firm, role)).patch("/firm/settings", { lockoutMaxFailures: null, currency: "EUR" });
    expect(again.body.changed).toEqual(["lockoutMaxFailures"]);
    expect(await settingsOf(firm)).not.toHaveProperty("lockoutMaxFailures");
  }
});

test("every problem is reported at once with the console's words; nothing is saved and nothing is logged", async () => {
  const firm = await createFirm(gw.db, { settings: { supportPhone: "+1 555 010 0199" } });
  const api = await as(firm, "owner");
  const refused = await api.patch("/firm/settings", {
    timeZone: "Mars/Olympus",
    passwordMinLength: 10,
    brandColor: "#ffff00",
    supportPhone: null,
    linkLifetimesMinutes: { magic: 500 },
    sync: { incrementalMinutes: 0, massDisableMax: 26 },
  });
  expect(refused.status).toBe(400);
  expect(documentedShapeErrors("patch", "/firm/settings", 400, refused.body)).toEqual([]);
  expect(refused.body.error.code).toBe("validation_failed");
  expect(refused.body.error.field).toBe("brandColor");
  for (const words of [
    "brandColor: too light for white text on it",
    "timeZone: a time zone such as America/New_York",
    "passwordMinLength: at least 12, the product's minimum",
    "linkLifetimesMinutes.magic: at most 60 minutes",
    "sync.incrementalMinutes: a number of minutes from 1 to 10080, or off",
    "sync.massDisableMax: at most 25, the gateway's ceiling",
  ]) {
    expect(refused.body.error.message).toContain(words);
  }
  expect(refused.body.error.message).not.toContain("supportPhone");

  for (const [body, field] of [[{ lockoutMaxFailures: "three" }, "lockoutMaxFailures"], [{ locale: "xx-XX" }, "locale"], [{ linkLifetimesMinutes: { forever: 1 } }, "linkLifetimesMinutes"], [{ supportMail: "typo@x.example" }, ""]] as const) {
    const res = await api.patch("/firm/settings", body);
    expect({ body, status: res.status, code: res.body.error?.code }).toEqual({ body, status: 400, code: "validation_failed" });
    expect(res.body.error.field ?? "").toBe(field);
  }
  expect((await api.patch("/firm/settings", {})).body.error.message).toBe("Send at least one setting.");
  expect((await api.patch("/firm/settings", { lockoutWindowMinutes: 1.5 })).body.error.message).toBe("lockoutWindowMinutes: a whole number");
  expect(await settingsOf(firm)).toEqual({ supportPhone: "+1 555 010 0199" });
  expect(await logOf(firm)).toHaveLength(0);
});

test("support tokens are refused; firm A's token changes only A and B's only B; a revoked token and no token change nothing", async () => {
  const [firmA, firmB] = [await createFirm(gw.db, { settings: { supportEmail: "desk@a.example" } }), await createFirm(gw.db, { settings: { supportEmail: "desk@b.example" } })];
  const support = await (await as(firmA, "support")).patch("/firm/settings", { supportEmail: "evil@example.com" });
  expect(support.status).toBe(403);
  expect(support.body.error.code).toBe("owners_and_admins_only");
  expect(documentedShapeErrors("patch", "/firm/settings", 403, support.body)).toEqual([]);

  expect((await (await as(firmB, "owner")).patch("/firm/settings", { supportEmail: "new@b.example" })).status).toBe(200);
  expect((await (await as(firmA, "owner")).get("/firm/settings")).body.settings.supportEmail).toBe("desk@a.example");
  expect(await settingsOf(firmA)).toEqual({ supportEmail: "desk@a.example" });
  expect(await settingsOf(firmB)).toEqual({ supportEmail: "new@b.example" });

  const revoked = asToken(gw, await revokedToken(gw, firmA));
  for (const res of [await revoked.get("/firm/settings"), await revoked.patch("/firm/settings", { supportEmail: "evil@example.com" }), await request(gw.app).patch(`${API}/firm/settings`).send({ supportEmail: "evil@example.com" })]) {
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("desk@a.example");
  }
  expect(await settingsOf(firmA)).toEqual({ supportEmail: "desk@a.example" });
  expect(await logOf(firmA)).toHaveLength(0);
});

test("custom domains: owners and admins add and remove them (validated, logged, served at once); support, another firm and a revoked token cannot", async () => {
  const [firm, other] = [await createFirm(gw.db, { name: "Domain Firm" }), await createFirm(gw.db)];
  const host = `portal-${firm.slug}.example`;
  const support = await as(firm, "support");
  expect((await support.post("/firm/domains", { domain: host })).body.error.code).toBe("owners_and_admins_only");
  for (const role of ["owner", "admin"] as const) {
    const api = await as(firm, role);
    const added = await api.post("/firm/domains", { domain: ` ${host.toUpperCase()} ` });
    expect({ role, status: added.status }).toEqual({ role, status: 201 });
    expect(documentedShapeErrors("post", "/firm/domains", 201, added.body)).toEqual([]);
    expect(added.body.domains).toEqual([host]);
    expect((await request(gw.app).get("/portal/login").set("Host", host)).text).toContain("Domain Firm");

    expect((await support.delete(`/firm/domains/${host}`)).status).toBe(403);
    expect((await (await as(other, "owner")).delete(`/firm/domains/${host}`)).status).toBe(404);
    const removed = await api.delete(`/firm/domains/${host}`);
    expect(removed.status).toBe(200);
    expect(documentedShapeErrors("delete", "/firm/domains/{domain}", 200, removed.body)).toEqual([]);
    expect(removed.body.domains).toEqual([]);
    expect((await request(gw.app).get("/portal/login").set("Host", host)).text).not.toContain("Domain Firm");
    expect((await logOf(firm)).slice(-2).map((row) => [row.action, row.subject, row.actorLabel])).toEqual([
      ["domain_added", host, `api-token:test ${role}`],
      ["domain_removed", host, `api-token:test ${role}`],
    ]);
  }
  const api = await as(firm, "owner");
  await api.post("/firm/domains", { domain: `taken-${other.slug}.example` }).then((res) => expect(res.status).toBe(201));
  const taken = await (await as(other, "owner")).post("/firm/domains", { domain: `taken-${other.slug}.example` });
  expect(taken.body.error).toEqual({ code: "validation_failed", field: "domain", message: `"taken-${other.slug}.example" is already another firm's domain.` });
  for (const domain of ["https://portal.example.com/x", new URL(publicBaseUrl(gw.config)).hostname]) {
    const res = await api.post("/firm/domains", { domain });
    expect({ domain, status: res.status, field: res.body.error?.field }).toEqual({ domain, status: 400, field: "domain" });
  }
  expect((await api.delete("/firm/domains/never-added.example")).status).toBe(404);
  const revoked = asToken(gw, await revokedToken(gw, firm));
  expect((await revoked.delete(`/firm/domains/taken-${other.slug}.example`)).status).toBe(401);
  expect((await revoked.post("/firm/domains", { domain: "sneaky.example" })).status).toBe(401);
  expect((await gw.db.firmDomain.findMany({ where: { firmId: firm.id } })).map((row) => row.domain)).toEqual([`taken-${other.slug}.example`]);
});

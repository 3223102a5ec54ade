import request from "supertest";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { hashApiToken } from "../../../src/api-tokens/api-token-secret";
import { apiToken, asToken, documentedShapeErrors } from "../../helpers/api";

// The admin API's firm, staff and client endpoints: each for every role (the console's rules), each refusing
// another firm's token in both directions, every answer in the documented shape and free of secrets.
let gw: TestGateway;
let firmA: Firm;
let firmB: Firm;
const secrets: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway({ env: { FIRM_CACHE_SECONDS: "0" } });
  [firmA, firmB] = await Promise.all([createFirm(gw.db).then((f) => connectDemoPsa(gw.db, f)), createFirm(gw.db)]);
}, 120_000);
afterAll(() => gw.close());

const roles: StaffRole[] = ["owner", "admin", "support"];
async function as(firm: Firm, role: StaffRole) {
  const token = await apiToken(gw, firm, role);
  secrets.push(token, hashApiToken(token));
  return asToken(gw, token);
}
function expectDocumented(method: string, path: string, res: request.Response) {
  expect(documentedShapeErrors(method, path, res.status, res.body)).toEqual([]);
  const text = JSON.stringify(res.body);
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/passwordHash|tokenHash|\$argon2/);
}

describe("PATCH /firm", () => {
  test("owners and admins rename the firm and move its slug (the old one redirects); support is refused", async () => {
    const firm = await createFirm(gw.db);
    const support = await (await as(firm, "support")).patch("/firm", { name: "Nope" });
    expect(support.status).toBe(403);
    expectDocumented("patch", "/firm", support);
    for (const role of ["owner", "admin"] as const) {
      const current = (await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).slug;
      const res = await (await as(firm, role)).patch("/firm", { name: `Renamed by ${role}`, slug: `${current}-${role}` });
      expect(res.status).toBe(200);
      expectDocumented("patch", "/firm", res);
      expect(res.body).toEqual(expect.objectContaining({ name: `Renamed by ${role}`, slug: `${current}-${role}`, formerSlugs: expect.arrayContaining([current]) }));
      expect((await request(gw.app).get(`/portal/${current}/login`)).status).toBe(301);
    }
  });

  test("a reserved or taken slug and an empty change are 400s naming the field; nothing changes", async () => {
    const admin = await as(firmA, "admin");
    const taken = await admin.patch("/firm", { slug: firmB.slug });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toEqual(expect.objectContaining({ code: "validation_failed", field: "slug", message: expect.stringContaining("is taken") }));
    expectDocumented("patch", "/firm", taken);
    expect((await admin.patch("/firm", { slug: "api" })).body.error.message).toContain("is reserved");
    expect((await admin.patch("/firm", {})).status).toBe(400);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firmA.id } })).slug).toBe(firmA.slug);
  });
});

describe("POST /staff/invites", () => {
  test("owners invite any role, admins up to admin, support none; the link comes back only with delivery: link", async () => {
    const expected: Record<StaffRole, Record<StaffRole, number>> = {
      owner: { owner: 200, admin: 200, support: 200 },
      admin: { owner: 403, admin: 200, support: 200 },
      support: { owner: 403, admin: 403, support: 403 },
    };
    for (const inviter of roles) {
      for (const role of roles) {
        const res = await (await as(firmA, inviter)).post("/staff/invites", { email: `${inviter}-${role}@staff.example`, role, delivery: "link" });
        expect({ inviter, role, status: res.status }).toEqual({ inviter, role, status: expected[inviter][role] });
        expectDocumented("post", "/staff/invites", res);
        if (res.status === 200) expect(res.body.url).toMatch(/\/claim\//);
      }
    }
    const emailed = await (await as(firmA, "owner")).post("/staff/invites", { email: "mailed@staff.example", role: "support" });
    expect(emailed.body.url).toBeUndefined();
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "mailed@staff.example" } })).toBe(1);
  });
});

describe("clients", () => {
  test("GET /doctor: every role reads the verdict; another firm's token sees its own firm's (nothing of this one)", async () => {
    await createPortalAccount(gw.db, firmA, { email: "jane@acme.com" });
    for (const role of roles) {
      const res = await (await as(firmA, role)).get("/doctor?email=jane@acme.com");
      expect(res.status).toBe(200);
      expectDocumented("get", "/doctor", res);
      expect(res.body).toEqual(expect.objectContaining({ verdict: "ok", psa: expect.objectContaining({ companies: ["Acme Corp"] }) }));
    }
    const fromB = await (await as(firmB, "owner")).get("/doctor?email=jane@acme.com");
    expect(fromB.body).toEqual(expect.objectContaining({ verdict: "no_account", account: null }));
    const bad = await (await as(firmA, "support")).get("/doctor?email=nope");
    expect(bad.status).toBe(400);
    expectDocumented("get", "/doctor", bad);
  });

  test("POST /clients/invites: every role invites; an unknown address is held back unless confirmed", async () => {
    for (const role of roles) {
      const res = await (await as(firmA, role)).post("/clients/invites", { email: "omar@acme.com", delivery: "link" });
      expect(res.status).toBe(200);
      expectDocumented("post", "/clients/invites", res);
      expect(["invited", "reinvited"]).toContain(res.body.kind);
    }
    const held = await (await as(firmA, "support")).post("/clients/invites", { email: "nobody@nowhere.example" });
    expect(held.body.kind).toBe("check_address");
    expectDocumented("post", "/clients/invites", held);
    const sent = await (await as(firmA, "support")).post("/clients/invites", { email: "nobody@nowhere.example", confirmed: true });
    expect(sent.body.kind).toBe("invited");
  });

  test("disable and reactivate: owners and admins; support is refused and nothing changes", async () => {
    const account = await createPortalAccount(gw.db, firmA);
    const refused = await (await as(firmA, "support")).post(`/clients/${account.id}/disable`, { reason: "no" });
    expect(refused.status).toBe(403);
    expectDocumented("post", "/clients/{accountId}/disable", refused);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("active");
    for (const role of ["owner", "admin"] as const) {
      const api = await as(firmA, role);
      const off = await api.post(`/clients/${account.id}/disable`, { reason: `by ${role}` });
      expect(off.status).toBe(200);
      expectDocumented("post", "/clients/{accountId}/disable", off);
      expect(off.body).toEqual(expect.objectContaining({ status: "disabled", statusReason: `by ${role}`, statusChangedBy: `api-token:test ${role}` }));
      expect((await signIn(gw.agent(), `/portal/${firmA.slug}`, account.email, TEST_PASSWORD)).status).toBe(403);
      const on = await api.post(`/clients/${account.id}/reactivate`);
      expect(on.status).toBe(200);
      expectDocumented("post", "/clients/{accountId}/reactivate", on);
    }
    expect((await (await as(firmA, "admin")).post(`/clients/${account.id}/disable`, {})).body.error.field).toBe("reason");
  });

  test("unlock (every role) and magic-link (every role, active clients only)", async () => {
    const account = await createPortalAccount(gw.db, firmA);
    for (const role of roles) {
      for (let i = 0; i < 5; i++) await signIn(gw.agent(), `/portal/${firmA.slug}`, account.email, "wrong password, again");
      const unlocked = await (await as(firmA, role)).post(`/clients/${account.id}/unlock`);
      expect(unlocked.status).toBe(200);
      expectDocumented("post", "/clients/{accountId}/unlock", unlocked);
      expect((await signIn(gw.agent(), `/portal/${firmA.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);

      const link = await (await as(firmA, role)).post(`/clients/${account.id}/magic-link`);
      expect(link.status).toBe(201);
      expectDocumented("post", "/clients/{accountId}/magic-link", link);
      expect((await request(gw.app).post(new URL(link.body.url).pathname).type("form")).status).toBe(303);
    }
    const invited = await createPortalAccount(gw.db, firmA, { status: "invited", withPassword: false });
    const refused = await (await as(firmA, "owner")).post(`/clients/${invited.id}/magic-link`);
    expect(refused.status).toBe(400);
    expectDocumented("post", "/clients/{accountId}/magic-link", refused);
  });

  test("firm A's token cannot act on firm B's client, nor B's on A's: 404, and the client is untouched", async () => {
    for (const [mine, theirs] of [[firmA, firmB], [firmB, firmA]] as const) {
      const account = await createPortalAccount(gw.db, theirs);
      const api = await as(mine, "owner");
      for (const action of ["disable", "reactivate", "unlock", "magic-link"]) {
        const res = await api.post(`/clients/${account.id}/${action}`, { reason: "cross-firm" });
        expect({ action, status: res.status, code: res.body.error?.code }).toEqual({ action, status: 404, code: "client_not_found" });
        expectDocumented("post", `/clients/{accountId}/${action}`, res);
      }
      expect(await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).toEqual(expect.objectContaining({ status: "active", statusReason: null }));
      expect(await gw.db.accessLink.count({ where: { portalAccountId: account.id } })).toBe(0);
    }
  });

  test("a revoked token and no token are refused on every one of these endpoints", async () => {
    const token = await apiToken(gw, firmA, "owner");
    const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
    await asToken(gw, token).post(`/tokens/${id}/revoke`);
    const account = await createPortalAccount(gw.db, firmA);
    const calls: Array<[string, string]> = [
      ["patch", "/firm"],
      ["post", "/staff/invites"],
      ["get", "/doctor?email=jane@acme.com"],
      ["post", "/clients/invites"],
      ...["disable", "reactivate", "unlock", "magic-link"].map((action): [string, string] => ["post", `/clients/${account.id}/${action}`]),
    ];
    for (const [method, path] of calls) {
      const revoked = method === "get" ? await asToken(gw, token).get(path) : method === "patch" ? await asToken(gw, token).patch(path, { name: "x" }) : await asToken(gw, token).post(path, {});
      const anonymous = await (request(gw.app) as unknown as Record<string, (url: string) => request.Test>)[method]!(`/api/admin/v1${path}`);
      expect({ path, statuses: [revoked.status, anonymous.status] }).toEqual({ path, statuses: [401, 401] });
    }
    expect(await gw.db.accessLink.count({ where: { portalAccountId: account.id } })).toBe(0);
  });
});

import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { apiToken, asToken } from "../../helpers/api";
import { hashApiToken } from "../../../src/api-tokens/api-token-secret";

// The console's "API tokens" page: owners and admins make a token (shown once) and revoke one; support only looks.
let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

type Agent = ReturnType<TestGateway["agent"]>;
async function make(staff: Agent, name: string, role: string, slug = firm.slug) {
  const page = await staff.get(`/portal/${slug}/admin/api-tokens`);
  return staff.post(`/portal/${slug}/admin/api-tokens`).type("form").send({ _csrf: csrfFrom(page.text), name, role });
}

test("an admin makes a token shown once that works on the API; the list shows its first characters only; revoke ends it", async () => {
  const admin = await signedInStaff(gw, firm, "admin");
  const made = await make(admin, "Reporting script", "support");
  expect(made.status).toBe(200);
  const token = /<code class="wrap">(pgw_[A-Za-z0-9_-]+)<\/code>/.exec(made.text)?.[1] as string;
  expect(made.text).toContain("it is shown only this once");
  expect((await asToken(gw, token).get("/firm")).body.slug).toBe(firm.slug);

  const list = await admin.get(`${base}/admin/api-tokens`);
  expect(list.text).toContain("Reporting script");
  expect(list.text).not.toContain(token);
  expect(list.text).not.toContain(hashApiToken(token));

  const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
  const revoked = await admin.post(`${base}/admin/api-tokens/${id}/revoke`).type("form").send({ _csrf: csrfFrom(list.text) });
  expect(revoked.text).toContain("Revoked &quot;Reporting script&quot;: it no longer works.");
  expect((await asToken(gw, token).get("/firm")).status).toBe(401);
});

test("an admin cannot make an owner token; support sees the list but cannot make or revoke; a form without CSRF is refused", async () => {
  const admin = await signedInStaff(gw, firm, "admin");
  const owner = await make(admin, "Too strong", "owner");
  expect(owner.status).toBe(403);
  expect(await gw.db.apiToken.count({ where: { firmId: firm.id, name: "Too strong" } })).toBe(0);

  const support = await signedInStaff(gw, firm, "support");
  const page = await support.get(`${base}/admin/api-tokens`);
  expect(page.status).toBe(200);
  expect(page.text).toContain("Only owners and admins make and revoke tokens.");
  expect((await make(support, "Nope", "support")).status).toBe(403);
  const victim = await apiToken(gw, firm, "support");
  const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(victim) } });
  expect((await support.post(`${base}/admin/api-tokens/${id}/revoke`).type("form").send({ _csrf: csrfFrom(page.text) })).status).toBe(403);
  expect((await admin.post(`${base}/admin/api-tokens`).type("form").send({ name: "x", role: "support" })).status).toBe(403);
  expect((await asToken(gw, victim).get("/firm")).status).toBe(200);
});

test("firm B's admin cannot revoke firm A's token through B's console", async () => {
  const other = await createFirm(gw.db);
  const victim = await apiToken(gw, firm, "support");
  const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(victim) } });
  const adminB = await signedInStaff(gw, other, "owner");
  const page = await adminB.get(`/portal/${other.slug}/admin/api-tokens`);
  expect(page.text).not.toContain(id);
  const res = await adminB.post(`/portal/${other.slug}/admin/api-tokens/${id}/revoke`).type("form").send({ _csrf: csrfFrom(page.text) });
  expect(res.status).toBe(404);
  expect((await asToken(gw, victim).get("/firm")).status).toBe(200);
});

import request from "supertest";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { addFirmDomain, createFirm, createPortalAccount, updateClient } from "../../helpers/seed";
import { apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// GET /clients: the console's client list (console/use-cases/list-clients.ts) over the API, for every role, paged by
// cursor, and one firm's token never lists another firm's clients.
let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

const roles: StaffRole[] = ["owner", "admin", "support"];
const as = async (firm: Firm, role: StaffRole) => asToken(gw, await apiToken(gw, firm, role));
const emails = (res: request.Response) => (res.body.items as Array<{ email: string }>).map((item) => item.email);

async function psaSaysCompany(firm: Firm, email: string, company: string, id: string) {
  const scope = { firmId: firm.id, connectorKind: "csv", contentHash: "x" };
  await gw.db.psaCompanySnapshot.create({ data: { ...scope, externalId: `co-${id}`, name: company, active: true } });
  await gw.db.psaContactSnapshot.create({ data: { ...scope, externalId: `ct-${id}`, emails: [email], companyExternalIds: [`co-${id}`], active: true } });
}

test("every role lists the firm's clients: status and why it is off, the PSA's company, template, last sign-in, open flags, own portal link; search and filters", async () => {
  const firm = await gw.db.firm.update({ where: { id: (await createFirm(gw.db)).id }, data: { connectorKind: "csv" } });
  const ann = await createPortalAccount(gw.db, firm, { email: "ann@acme.example", templateOverride: "architect" });
  await updateClient(gw, ann, { lastSignInAt: new Date("2026-11-20T15:00:00Z") });
  await psaSaysCompany(firm, "ann@acme.example", "Acme Corp", "1");
  const bob = await createPortalAccount(gw.db, firm, { email: "bob@beta.example", status: "invited" });
  const cat = await createPortalAccount(gw.db, firm, { email: "cat@acme.example" });
  await gw.db.portalAccount.update({ where: { id: cat.id }, data: { status: "disabled", statusReason: "Left Acme in November" } });
  await gw.db.accessFlag.create({ data: { firmId: firm.id, portalAccountId: bob.id, kind: "no_company" } });
  await createPortalAccount(gw.db, await createFirm(gw.db), { email: "zed@other.example" });

  for (const role of roles) {
    const api = await as(firm, role);
    const all = await api.get("/clients");
    expect({ role, status: all.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("get", "/clients", 200, all.body)).toEqual([]);
    expect(emails(all)).toEqual(["ann@acme.example", "bob@beta.example", "cat@acme.example"]);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items[0]).toEqual({
      id: ann.id,
      email: "ann@acme.example",
      status: "active",
      statusReason: null,
      companies: ["Acme Corp"],
      templateOverride: "architect",
      lastSignInAt: "2026-11-20T15:00:00.000Z",
      openFlags: 0,
      portalUrl: expect.stringMatching(new RegExp(`/portal/${firm.slug}/login\\?email=ann%40acme\\.example$`)),
    });
    expect(all.body.items[1]).toEqual(expect.objectContaining({ email: "bob@beta.example", status: "invited", openFlags: 1, companies: [] }));
    expect(all.body.items[2]).toEqual(expect.objectContaining({ status: "disabled", statusReason: "Left Acme in November" }));
  }

  const api = await as(firm, "support");
  expect(emails(await api.get("/clients?search=ACME"))).toEqual(["ann@acme.example", "cat@acme.example"]);
  expect(emails(await api.get("/clients?status=disabled"))).toEqual(["cat@acme.example"]);
  expect(emails(await api.get("/clients?flagged=true"))).toEqual(["bob@beta.example"]);
  expect(emails(await api.get("/clients?flagged=false&status=active"))).toEqual(["ann@acme.example"]);
});

test("a firm with a domain of its own gets portal links on that domain", async () => {
  const firm = await createFirm(gw.db);
  await addFirmDomain(gw.db, firm, "portal.own-domain.example");
  await createPortalAccount(gw.db, firm, { email: "dee@own.example" });
  const res = await (await as(firm, "support")).get("/clients");
  expect(res.body.items[0].portalUrl).toMatch(/\/\/portal\.own-domain\.example\/portal\/login\?email=dee%40own\.example$/);
});

test("pages by cursor in email order: 50 by default, then the rest; a smaller limit walks every client once", async () => {
  const firm = await createFirm(gw.db);
  const all = Array.from({ length: 57 }, (_, i) => `c${String(i).padStart(3, "0")}@paging.example`);
  await gw.db.portalAccount.createMany({ data: all.map((email) => ({ firmId: firm.id, email, status: "active" as const })) });
  const api = await as(firm, "admin");

  const first = await api.get("/clients");
  expect(emails(first)).toEqual(all.slice(0, 50));
  const second = await api.get(`/clients?cursor=${encodeURIComponent(first.body.nextCursor)}`);
  expect(documentedShapeErrors("get", "/clients", 200, second.body)).toEqual([]);
  expect(emails(second)).toEqual(all.slice(50));
  expect(second.body.nextCursor).toBeNull();

  const walked: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: request.Response = await api.get(`/clients?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    walked.push(...emails(page));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  expect(pages).toBe(3);
  expect(walked).toEqual(all);
});

test("bad input is a 400 naming what is wrong, never a 500", async () => {
  const api = await as(await createFirm(gw.db), "owner");
  for (const [query, field] of [["cursor=not-ours", "cursor"], ["limit=0", "limit"], ["limit=201", "limit"], ["status=gone", "status"], ["flagged=yes", "flagged"]] as const) {
    const res = await api.get(`/clients?${query}`);
    expect({ query, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({ query, status: 400, code: "validation_failed", field });
    expect(documentedShapeErrors("get", "/clients", 400, res.body)).toEqual([]);
  }
});

test("firm A's token lists only A's clients and B's only B's; a revoked token and no token are refused", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  await createPortalAccount(gw.db, firmA, { email: "only-a@tenancy.example" });
  await createPortalAccount(gw.db, firmB, { email: "only-b@tenancy.example" });
  expect(emails(await (await as(firmA, "owner")).get("/clients"))).toEqual(["only-a@tenancy.example"]);
  expect(emails(await (await as(firmB, "owner")).get("/clients?search=only"))).toEqual(["only-b@tenancy.example"]);

  const revoked = await asToken(gw, await revokedToken(gw, firmA)).get("/clients");
  expect(revoked.status).toBe(401);
  expect(revoked.body.error.code).toBe("api_token_invalid");
  expect(JSON.stringify(revoked.body)).not.toContain("only-a@");
  expect((await request(gw.app).get("/api/admin/v1/clients")).status).toBe(401);
});

import type { Firm } from "../../../src/generated/prisma/client";
import type { Db } from "../../../src/platform/db/prisma";
import { listClients } from "../../../src/console/use-cases/list-clients";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, updateClient } from "../../helpers/seed";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const rowsOf = (html: string) => html.match(/<tr>\s*<td><a href=/g)?.length ?? 0;

async function psaSaysCompany(firm: Firm, email: string, company: string, id: string) {
  const scope = { firmId: firm.id, connectorKind: "csv", contentHash: "x" };
  await gw.db.psaCompanySnapshot.create({ data: { ...scope, externalId: `co-${id}`, name: company, active: true } });
  await gw.db.psaContactSnapshot.create({ data: { ...scope, externalId: `ct-${id}`, emails: [email], companyExternalIds: [`co-${id}`], active: true } });
}

describe("the client list", () => {
  test("every client with status (and why it is off), the PSA's company from the snapshot, template, last sign-in, open flags and a copyable portal link; search and filters", async () => {
    const firm = await gw.db.firm.update({ where: { id: (await createFirm(gw.db)).id }, data: { connectorKind: "csv" } });
    const ann = await createPortalAccount(gw.db, firm, { email: "ann@acme.example", templateOverride: "architect" });
    await updateClient(gw, ann, { lastSignInAt: new Date("2026-11-20T15:00:00Z") });
    await psaSaysCompany(firm, "ann@acme.example", "Acme Corp", "1");
    const bob = await createPortalAccount(gw.db, firm, { email: "bob@beta.example", status: "invited" });
    const cat = await createPortalAccount(gw.db, firm, { email: "cat@acme.example" });
    await gw.db.portalAccount.update({ where: { id: cat.id }, data: { status: "disabled", statusReason: "Left Acme in November" } });
    await gw.db.accessFlag.create({ data: { firmId: firm.id, portalAccountId: bob.id, kind: "no_company" } });
    const other = await createFirm(gw.db);
    await createPortalAccount(gw.db, other, { email: "zed@other.example" });

    const support = await signedInStaff(gw, firm, "support");
    const base = `/portal/${firm.slug}/admin/clients`;
    const page = await support.get(base);
    expect(page.status).toBe(200);
    expect(rowsOf(page.text)).toBe(3);
    expect(page.text).not.toContain("zed@other.example");
    expect(page.text).toMatch(/ann@acme\.example<\/a><\/td>\s*<td>active<\/td>\s*<td>Acme Corp<\/td>/);
    expect(page.text).toContain("access turned off<br><span class=\"muted\">Left Acme in November</span>");
    expect(page.text).toMatch(/bob@beta\.example[\s\S]*?not in the PSA&#39;s last snapshot[\s\S]*?<span class="count" title="1 open">1<\/span>/);
    expect(page.text).toContain("November 20, 2026");
    expect(page.text).toContain(`/portal/${firm.slug}/login?email=ann%40acme.example</code>`);
    expect(page.text).toContain("Copy portal link");

    expect(rowsOf((await support.get(`${base}?search=ACME`)).text)).toBe(2);
    expect(rowsOf((await support.get(`${base}?status=disabled`)).text)).toBe(1);
    const flagged = await support.get(`${base}?flagged=yes`);
    expect(rowsOf(flagged.text)).toBe(1);
    expect(flagged.text).toContain("bob@beta.example");
    expect((await support.get(`${base}?status=nonsense&cursor=%%%`)).status).toBe(200);

    // The copied link fills in the client's address on the sign-in page.
    const login = await gw.agent().get(`/portal/${firm.slug}/login?email=ann%40acme.example`);
    expect(login.text).toContain('value="ann@acme.example"');
  });

  test("10,000 clients: every page is the same few queries and 50 rows, and the cursor walks them in order", async () => {
    const firm = await createFirm(gw.db);
    await gw.db.portalAccount.createMany({ data: Array.from({ length: 10_000 }, (_, i) => ({ firmId: firm.id, email: `c${String(i).padStart(5, "0")}@load.example`, status: "active" as const })) });
    let queries = 0;
    const counted = gw.db.$extends({ query: { $allOperations: ({ args, query }) => ((queries += 1), query(args)) } }) as unknown as Db;
    const first = await listClients(counted, { firm, filter: {} });
    expect(first.items).toHaveLength(50);
    expect(queries).toBe(2); // the page, and the open flags of its clients
    expect(first.items[0]?.email).toBe("c00000@load.example");

    let cursor = first.next;
    for (let i = 0; i < 150; i += 1) cursor = (await listClients(gw.db, { firm, filter: {}, cursor })).next;
    queries = 0;
    const deep = await listClients(counted, { firm, filter: {}, cursor });
    expect(queries).toBe(2); // the page, and the open flags of its clients
    expect(deep.items).toHaveLength(50);
    expect(deep.items[0]?.email).toBe("c07550@load.example");

    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/clients?search=c099`);
    expect(rowsOf(page.text)).toBe(50);
    const next = /href="([^"]*\/admin\/clients\?[^"]*cursor=[^"]+)"/.exec(page.text)?.[1] ?? "";
    const second = await admin.get(next.replace(/&amp;/g, "&"));
    expect(rowsOf(second.text)).toBe(50);
    expect(second.text).toContain("c09950@load.example");
    expect(second.text).not.toContain("Next clients");
  });
});

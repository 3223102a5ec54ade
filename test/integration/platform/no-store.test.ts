import crypto from "node:crypto";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { fillPath, listRoutes } from "../../helpers/route-table";

let gw: TestGateway;
// The walk visits every portal and console route twice (about 60 of them): far more than a default test, on a busy machine.
jest.setTimeout(120_000);

let firm: Firm;
let base: string;

beforeAll(async () => {
  ({ gw, firm, base } = await startGatewayWithFirm());
  firm = await connectDemoPsa(gw.db, firm);
});
afterAll(() => gw.close());

/**
 * After Sign out, the browser's Back button must not show a client's projects (budget included) or a console
 * page from its cache: every page answered to a signed-in person says Cache-Control: no-store. The routes come
 * from the app's router, so a page added later is checked too.
 */
describe("signed-in pages are never stored by the browser", () => {
  test("every portal and console route, as a signed-in client and as staff, answers no-store", async () => {
    const client = gw.agent();
    const account = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
    expect((await signIn(client, base, account.email, TEST_PASSWORD)).status).toBe(303);
    const projects = await client.get(`${base}/`);
    expect(projects.text).toContain("Acme");
    expect(projects.headers["cache-control"]).toBe("no-store");
    const staff = await signedInStaff(gw, firm, "owner");
    const values = { slug: firm.slug, accountId: account.id, id: "P-1", token: crypto.randomBytes(32).toString("base64url"), template: "owner", firmId: firm.id, secret: "x", staffId: crypto.randomUUID(), emailId: crypto.randomUUID(), hash: "0".repeat(64), tokenId: crypto.randomUUID(), runId: crypto.randomUUID() };

    const routes = listRoutes(gw.app).filter((route) => route.path.startsWith("/portal/:slug/") && !/logout/.test(route.path));
    expect(routes.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const [who, agent] of [["client", client], ["staff", staff]] as const) {
      const csrf = csrfFrom((await agent.get(who === "client" ? `${base}/` : `${base}/admin`)).text);
      for (const route of routes) {
        const url = fillPath(route.path, values);
        const res = route.method === "GET" ? await agent.get(url) : await agent.post(url).type("form").send({ _csrf: csrf });
        if (res.headers["cache-control"] !== "no-store") missing.push(`${who}: ${route.method} ${route.path} (${res.status}, cache-control ${String(res.headers["cache-control"])})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

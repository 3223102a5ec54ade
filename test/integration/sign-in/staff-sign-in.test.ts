import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

async function staffSignIn(agent: ReturnType<TestGateway["agent"]>, email: string, password: string) {
  const page = await agent.get(`${base}/admin/login`);
  return agent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(page.text), email, password });
}

describe("staff sign-in and staff pages", () => {
  test("staff sign in with staff-local and reach the staff page; the attempt is audited", async () => {
    const staff = await createStaffAccount(gw.db, firm, { role: "admin" });
    const agent = gw.agent();
    expect((await agent.get(`${base}/admin`)).status).toBe(303);
    const res = await staffSignIn(agent, staff.email, TEST_PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${base}/admin`);
    const page = await agent.get(`${base}/admin`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Staff console");
    expect((await gw.db.signInEvent.findMany({ where: { staffAccountId: staff.id } })).map((e) => e.reason)).toEqual(["success"]);
  });

  test("a client's password cannot sign in as staff, and a client's session cannot open staff pages", async () => {
    const client = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    expect((await staffSignIn(agent, client.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signIn(agent, base, client.email, TEST_PASSWORD)).status).toBe(303);
    const admin = await agent.get(`${base}/admin`);
    expect(admin.status).toBe(303);
    expect(admin.headers.location).toBe(`${base}/admin/login`);
  });

  test("a wrong staff password is a 401 with the generic message; staff of another firm cannot sign in here", async () => {
    const other = await createFirm(gw.db);
    const staff = await createStaffAccount(gw.db, other, { role: "support" });
    const res = await staffSignIn(gw.agent(), staff.email, TEST_PASSWORD);
    expect(res.status).toBe(401);
    expect(res.text).toContain("Incorrect email or password");
  });
});

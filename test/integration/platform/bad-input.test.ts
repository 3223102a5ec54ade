import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signedInStaff } from "../../helpers/staff";
import { csrfFrom, signIn } from "../../helpers/forms";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

describe("bad input gets a clear 4xx, never a 500", () => {
  test("a NUL byte in a form, a JSON body, a query or the path is refused with a message that says what is wrong", async () => {
    const agent = gw.agent();
    const csrf = csrfFrom((await agent.get(`${base}/login`)).text);
    const form = await agent.post(`${base}/login`).type("form").send(`_csrf=${encodeURIComponent(csrf)}&email=a%00b%40x.com&password=whatever`);
    expect(form.status).toBe(400);
    expect(form.text).toContain("never valid here (NUL)");

    const json = await agent.post(`${base}/login`).set("accept", "application/json").send({ _csrf: csrf, email: { nested: ["x\u0000y"] } });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe("validation_failed");

    expect((await request(gw.app).get(`${base}/login?next=%00`)).status).toBe(400);
    expect((await request(gw.app).get(`/portal/${firm.slug}%00/login`)).status).toBe(400);
    // Nothing was recorded with the poisoned value, and the real sign-in still works.
    expect(await gw.db.signInEvent.count({ where: { firmId: firm.id } })).toBe(0);
    const account = await createPortalAccount(gw.db, firm, { email: "clean@example.com" });
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });

  test("odd shapes on every form and page answer below 500", async () => {
    const account = await createPortalAccount(gw.db, firm, { email: "shapes@example.com" });
    const agent = gw.agent();
    await signIn(agent, base, account.email, TEST_PASSWORD);
    const csrf = csrfFrom((await agent.get(`${base}/forgot`)).text);
    const paths = ["login", "logout", "company", "forgot", "magic", "confirm", "claim/abc", "reset/abc", "magic/abc", "confirm/abc", "claim/abc/renew", "admin/login", "admin/accounts/x/recheck", "projects/%E0%A4%A", "api/projects?x[]=1"];
    const bodies: Array<{ type: string; body: string }> = [
      { type: "application/json", body: JSON.stringify({ _csrf: csrf, email: ["a", "b"], password: { $gt: "" }, company: ["1"] }) },
      { type: "application/json", body: JSON.stringify({ _csrf: csrf, email: 5, password: null }) },
      { type: "application/json", body: "[1,2" },
      { type: "application/json", body: "null" },
      { type: "application/x-www-form-urlencoded", body: `_csrf=${encodeURIComponent(csrf)}&email[]=a&email[]=b&password=x` },
      { type: "application/x-www-form-urlencoded", body: `_csrf=${encodeURIComponent(csrf)}&email=%ZZ&dateOfBirth=99/99/9999` },
      { type: "text/plain", body: "hello" },
    ];
    const failures: string[] = [];
    for (const path of paths) {
      for (const { type, body } of bodies) {
        const res = await agent.post(`${base}/${path}`).set("content-type", type).send(body);
        if (res.status >= 500) failures.push(`POST ${path} (${type} ${body.slice(0, 30)}) -> ${res.status}`);
      }
      const got = await agent.get(`${base}/${path}`);
      if (got.status >= 500) failures.push(`GET ${path} -> ${got.status}`);
    }
    expect(failures).toEqual([]);
  });

  test("odd shapes on every staff console form and page answer below 500", async () => {
    const client = await createPortalAccount(gw.db, firm, { email: "console-shapes@example.com" });
    const staff = await signedInStaff(gw, firm, "owner");
    const csrf = csrfFrom((await staff.get(`${base}/admin`)).text);
    const paths = ["admin/invites", "admin/staff", "admin/forgot", `admin/clients/${client.id}/access`, `admin/clients/${client.id}/unlock`, "admin/clients/x/unlock", "admin/psa", "admin/psa/test", "admin/psa/webhook", `admin/clients/${client.id}/template`, "admin/templates/default", "admin/templates/company", "admin/templates/owner", "admin/templates/%E0%A4%A"];
    const bodies: Array<{ type: string; body: string }> = [
      { type: "application/json", body: JSON.stringify({ _csrf: csrf, email: ["a@x.com", "b@x.com"], role: { $ne: "" }, delivery: ["copy"], access: ["off"], reason: 5 }) },
      { type: "application/json", body: JSON.stringify({ _csrf: csrf, email: null, role: 7, kind: ["csv"] }) },
      { type: "application/x-www-form-urlencoded", body: `_csrf=${encodeURIComponent(csrf)}&email[]=a&role[]=owner&access=sideways&reason=${"x".repeat(5000)}` },
      { type: "application/x-www-form-urlencoded", body: `_csrf=${encodeURIComponent(csrf)}&email=%ZZ&confirmed=yes` },
    ];
    const failures: string[] = [];
    for (const path of paths) {
      for (const { type, body } of bodies) {
        const res = await staff.post(`${base}/${path}`).set("content-type", type).send(body);
        if (res.status >= 500) failures.push(`POST ${path} (${type} ${body.slice(0, 30)}) -> ${res.status}`);
      }
    }
    for (const query of ["email[]=a&email[]=b", "email=%ZZ", `email=${"a".repeat(400)}@x.com`, "email=", "kind=nonsense"]) {
      for (const page of ["admin/clients", "admin/psa", "admin/templates"]) {
        const got = await staff.get(`${base}/${page}?${query}`);
        if (got.status >= 500) failures.push(`GET ${page}?${query.slice(0, 30)} -> ${got.status}`);
      }
    }
    expect(failures).toEqual([]);
    // None of it changed the client, nor the firm's templates.
    expect(await gw.db.portalAccount.findUniqueOrThrow({ where: { id: client.id } })).toMatchObject({ status: "active", templateOverride: null });
    expect(await gw.db.firmTemplateSetting.count({ where: { firmId: firm.id } })).toBe(0);
  });
});

import crypto from "node:crypto";
import request from "supertest";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { API, apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// PUT and DELETE /firm/logo: the console's logo upload over the API (one use-case: the role, the size, the type by
// the bytes, one staff-action row), the image as a raw body; the portal serves what was sent, at once.
let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

// A 1x1 PNG and a 1x1 GIF.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

const tokenOf = (firm: Firm, role: StaffRole) => apiToken(gw, firm, role);
const put = (token: string, bytes: Buffer | string, type = "image/png") =>
  request(gw.app).put(`${API}/firm/logo`).set("Authorization", `Bearer ${token}`).set("Content-Type", type).send(bytes);
const logOf = (firm: Firm) => gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
const storedLogo = async (firm: Firm) => {
  const [row, stored] = await Promise.all([gw.db.firmLogo.findUnique({ where: { firmId: firm.id } }), gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })]);
  return { sha256: row?.sha256 ?? null, logoHash: (stored.settings as Record<string, unknown> | null)?.logoHash ?? null };
};
/** What the portal serves at a logo URL the API answered (absolute, on PUBLIC_URL). */
const served = (url: string) => gw.agent().get(new URL(url).pathname).buffer(true);

test("owners and admins upload a logo: the portal serves those bytes at once, a new one replaces it, removing it takes it away; each change is one row", async () => {
  for (const role of ["owner", "admin"] as const) {
    const firm = await createFirm(gw.db);
    const token = await tokenOf(firm, role);
    const login = `/portal/${firm.slug}/login`;
    expect((await gw.agent().get(login)).text).not.toContain('class="logo"'); // the firm is now in the gateway's cache

    const saved = await put(token, PNG);
    expect({ role, status: saved.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("put", "/firm/logo", 200, saved.body)).toEqual([]);
    expect(saved.body.logo).toEqual({ url: expect.stringMatching(new RegExp(`/portal/${firm.slug}/logo/${sha256(PNG)}$`)), sha256: sha256(PNG), contentType: "image/png", bytes: PNG.length });
    const png = await served(saved.body.logo.url);
    expect(png.status).toBe(200);
    expect(png.headers["content-type"]).toBe("image/png");
    expect(Buffer.from(png.body as Buffer).equals(PNG)).toBe(true);
    expect((await gw.agent().get(login)).text).toContain(`<img class="logo" src="/portal/${firm.slug}/logo/${sha256(PNG)}"`);
    // GET /firm shows the logo the PUT answered, so a script can check what the portal shows.
    const shown = await asToken(gw, token).get("/firm");
    expect(documentedShapeErrors("get", "/firm", 200, shown.body)).toEqual([]);
    expect(shown.body.logo).toEqual(saved.body.logo);

    // The type is the bytes', whatever the header says; the old URL names nothing any more.
    const replaced = await put(token, GIF, "image/png");
    expect(replaced.status).toBe(200);
    expect(replaced.body.logo).toMatchObject({ sha256: sha256(GIF), contentType: "image/gif" });
    expect((await served(replaced.body.logo.url)).headers["content-type"]).toBe("image/gif");
    expect((await served(saved.body.logo.url)).status).toBe(404);

    const removed = await asToken(gw, token).delete("/firm/logo");
    expect(removed.status).toBe(200);
    expect(documentedShapeErrors("delete", "/firm/logo", 200, removed.body)).toEqual([]);
    expect(removed.body).toEqual({ logo: null });
    expect((await asToken(gw, token).get("/firm")).body.logo).toBeNull();
    expect((await served(replaced.body.logo.url)).status).toBe(404);
    expect((await gw.agent().get(login)).text).not.toContain('class="logo"');
    expect(await storedLogo(firm)).toEqual({ sha256: null, logoHash: null });
    expect((await asToken(gw, token).delete("/firm/logo")).status).toBe(200); // nothing to remove: nothing logged

    expect((await logOf(firm)).map((row) => [row.action, row.before, row.after, row.actorKind, row.actorLabel])).toEqual([
      ["logo_changed", { value: null }, { value: sha256(PNG) }, "api_token", `api-token:test ${role}`],
      ["logo_changed", { value: sha256(PNG) }, { value: sha256(GIF) }, "api_token", `api-token:test ${role}`],
      ["logo_removed", { value: sha256(GIF) }, null, "api_token", `api-token:test ${role}`],
    ]);
  }
});

test("a too-large, non-image or missing body is a 400 that says what to send, and the current logo stays", async () => {
  const firm = await createFirm(gw.db);
  const token = await tokenOf(firm, "owner");
  expect((await put(token, PNG)).status).toBe(200);
  const cases: Array<[string, request.Test, string]> = [
    ["a byte over 200 KB", put(token, Buffer.concat([PNG, Buffer.alloc(200 * 1024 + 1 - PNG.length)])), "logo: at most 200 KB"],
    ["2 MB", put(token, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])), "logo: at most 200 KB"],
    ["an SVG called a PNG", put(token, SVG), "logo: a PNG, JPEG, GIF or WebP image"],
    ["text called a JPEG", put(token, "not an image at all", "image/jpeg"), "logo: a PNG, JPEG, GIF or WebP image"],
    ["an SVG as itself", put(token, SVG, "image/svg+xml"), "logo: send the image's bytes as the request body, with Content-Type image/png, image/jpeg, image/gif, image/webp"],
    ["curl's default form type", put(token, PNG.toString("latin1"), "application/x-www-form-urlencoded"), "with Content-Type image/png"],
    ["base64 in JSON", put(token, JSON.stringify({ contentType: "image/png", base64: GIF.toString("base64") }), "application/json"), "with Content-Type image/png"],
    ["no body", request(gw.app).put(`${API}/firm/logo`).set("Authorization", `Bearer ${token}`), "with Content-Type image/png"],
  ];
  for (const [what, sent, words] of cases) {
    const res = await sent;
    expect({ what, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({ what, status: 400, code: "validation_failed", field: "logo" });
    expect(res.body.error.message).toContain(words);
    expect(documentedShapeErrors("put", "/firm/logo", 400, res.body)).toEqual([]);
  }
  expect(await storedLogo(firm)).toEqual({ sha256: sha256(PNG), logoHash: sha256(PNG) });
  expect(await logOf(firm)).toHaveLength(1);
});

test("support tokens are refused; another firm's token changes only its own firm; a revoked token and no token change nothing", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  expect((await put(await tokenOf(firmA, "owner"), PNG)).status).toBe(200);
  const support = await tokenOf(firmA, "support");
  const refused: Array<["put" | "delete", request.Response]> = [["put", await put(support, GIF)], ["put", await put(support, Buffer.alloc(300 * 1024))], ["delete", await asToken(gw, support).delete("/firm/logo")]];
  for (const [method, res] of refused) {
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("owners_and_admins_only");
    expect(documentedShapeErrors(method, "/firm/logo", 403, res.body)).toEqual([]);
  }

  const ownerB = await tokenOf(firmB, "owner");
  expect((await put(ownerB, GIF)).status).toBe(200);
  expect((await asToken(gw, ownerB).delete("/firm/logo")).status).toBe(200);
  expect(await storedLogo(firmB)).toEqual({ sha256: null, logoHash: null });
  expect((await gw.agent().get(`/portal/${firmB.slug}/logo/${sha256(PNG)}`)).status).toBe(404); // A's logo is not B's

  const revoked = await revokedToken(gw, firmA);
  for (const res of [await put(revoked, GIF), await asToken(gw, revoked).delete("/firm/logo"), await request(gw.app).put(`${API}/firm/logo`).set("Content-Type", "image/gif").send(GIF), await request(gw.app).delete(`${API}/firm/logo`)]) {
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("api_token_invalid");
  }
  expect(await storedLogo(firmA)).toEqual({ sha256: sha256(PNG), logoHash: sha256(PNG) });
  expect((await gw.agent().get(`/portal/${firmA.slug}/logo/${sha256(PNG)}`)).status).toBe(200);
  expect((await logOf(firmA)).map((row) => row.action)).toEqual(["logo_changed"]);
});

test("the OpenAPI document describes the upload: the image media types as the body, and who may call", async () => {
  const doc = (await request(gw.app).get(`${API}/openapi.json`)).body as { paths: Record<string, Record<string, { description: string; requestBody?: { content: Record<string, unknown> } }>> };
  const upload = doc.paths["/firm/logo"]?.put;
  expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(["image/png", "image/jpeg", "image/gif", "image/webp"]);
  expect(upload?.description).toBe("Who may call it: owners and admins.");
  expect(doc.paths["/firm/logo"]?.delete?.requestBody).toBeUndefined();
});

import crypto from "node:crypto";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

// A 1x1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

describe("the firm's logo", () => {
  test("an owner uploads an image (checked by its bytes, at most 200 KB); the gateway serves it and the portal shows it; removing it is logged too", async () => {
    const firm = await createFirm(gw.db);
    const owner = await signedInStaff(gw, firm, "owner");
    const base = `/portal/${firm.slug}`;
    const upload = async (bytes: Buffer, name: string) => {
      const page = await owner.get(`${base}/admin/settings`);
      return owner.post(`${base}/admin/settings/logo`).field("_csrf", csrfFrom(page.text)).attach("logo", bytes, name);
    };
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "logo.png");
    expect(svg.status).toBe(400);
    expect(svg.text).toContain("a PNG, JPEG, GIF or WebP image");
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(200 * 1024)]), "big.png");
    expect(big.status).toBe(400);
    expect(big.text).toContain("at most 200 KB");

    const saved = await upload(PNG, "logo.png");
    expect(saved.status).toBe(200);
    const hash = crypto.createHash("sha256").update(PNG).digest("hex");
    expect(saved.text).toContain(`<img src="${base}/logo/${hash}"`);
    const served = await gw.agent().get(`${base}/logo/${hash}`);
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(served.body as Buffer).equals(PNG)).toBe(true);
    expect((await owner.get(`${base}/admin`)).text).toContain(`<img class="logo" src="${base}/logo/${hash}"`); // the pages' header
    expect((await gw.agent().get(`${base}/logo/${"0".repeat(64)}`)).status).toBe(404);
    const other = await createFirm(gw.db);
    expect((await gw.agent().get(`/portal/${other.slug}/logo/${hash}`)).status).toBe(404);

    const page = await owner.get(`${base}/admin/settings`);
    expect((await owner.post(`${base}/admin/settings/logo/remove`).type("form").send({ _csrf: csrfFrom(page.text) })).status).toBe(200);
    expect((await gw.agent().get(`${base}/logo/${hash}`)).status).toBe(404);
    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.before, row.after])).toEqual([
      ["logo_changed", { value: null }, { value: hash }],
      ["logo_removed", { value: hash }, null],
    ]);
  });

  test("support staff see the logo but cannot change it", async () => {
    const firm = await createFirm(gw.db);
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/settings`);
    expect(page.text).not.toContain("Upload the logo");
    const refused = await support.post(`/portal/${firm.slug}/admin/settings/logo`).field("_csrf", csrfFrom(page.text)).attach("logo", PNG, "logo.png");
    expect(refused.status).toBe(403);
    expect(await gw.db.firmLogo.count({ where: { firmId: firm.id } })).toBe(0);
  });
});
